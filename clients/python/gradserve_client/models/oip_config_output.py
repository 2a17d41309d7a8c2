from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OipConfigOutput")


@_attrs_define
class OipConfigOutput:
    """One output of a model configuration (Triton's ModelOutput).

    Attributes:
        name (str):
        data_type (str): TYPE_FP64 (TYPE_FP32 when the request ran in float32).
        dims (list[int]): -1 marks a free dimension.
        label_filename (str | Unset):  Default: ''.
        is_shape_tensor (bool | Unset):  Default: False.
    """

    name: str
    data_type: str
    dims: list[int]
    label_filename: str | Unset = ""
    is_shape_tensor: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data_type = self.data_type

        dims = self.dims

        label_filename = self.label_filename

        is_shape_tensor = self.is_shape_tensor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "data_type": data_type,
                "dims": dims,
            }
        )
        if label_filename is not UNSET:
            field_dict["label_filename"] = label_filename
        if is_shape_tensor is not UNSET:
            field_dict["is_shape_tensor"] = is_shape_tensor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        data_type = d.pop("data_type")

        dims = cast(list[int], d.pop("dims"))

        label_filename = d.pop("label_filename", UNSET)

        is_shape_tensor = d.pop("is_shape_tensor", UNSET)

        oip_config_output = cls(
            name=name,
            data_type=data_type,
            dims=dims,
            label_filename=label_filename,
            is_shape_tensor=is_shape_tensor,
        )

        oip_config_output.additional_properties = d
        return oip_config_output

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
