from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OipTensorMetadata")


@_attrs_define
class OipTensorMetadata:
    """
    Attributes:
        name (str):
        datatype (str): The declared datatype (others may be accepted).
        shape (list[int]): -1 marks a free dimension.
        optional (bool | Unset): Inputs: may be left out. Default: False.
        description (str | Unset):  Default: ''.
    """

    name: str
    datatype: str
    shape: list[int]
    optional: bool | Unset = False
    description: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        datatype = self.datatype

        shape = self.shape

        optional = self.optional

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "datatype": datatype,
                "shape": shape,
            }
        )
        if optional is not UNSET:
            field_dict["optional"] = optional
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        datatype = d.pop("datatype")

        shape = cast(list[int], d.pop("shape"))

        optional = d.pop("optional", UNSET)

        description = d.pop("description", UNSET)

        oip_tensor_metadata = cls(
            name=name,
            datatype=datatype,
            shape=shape,
            optional=optional,
            description=description,
        )

        oip_tensor_metadata.additional_properties = d
        return oip_tensor_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
