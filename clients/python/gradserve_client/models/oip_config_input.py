from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OipConfigInput")


@_attrs_define
class OipConfigInput:
    """One input of a model configuration (Triton's ModelInput).

    Attributes:
        name (str):
        data_type (str): TYPE_FP64 or TYPE_INT64 (TYPE_FP32 is accepted too).
        dims (list[int]): -1 marks a free dimension.
        format_ (str | Unset): Always FORMAT_NONE. Default: 'FORMAT_NONE'.
        is_shape_tensor (bool | Unset):  Default: False.
        allow_ragged_batch (bool | Unset):  Default: False.
        optional (bool | Unset): May be left out. Default: False.
    """

    name: str
    data_type: str
    dims: list[int]
    format_: str | Unset = "FORMAT_NONE"
    is_shape_tensor: bool | Unset = False
    allow_ragged_batch: bool | Unset = False
    optional: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data_type = self.data_type

        dims = self.dims

        format_ = self.format_

        is_shape_tensor = self.is_shape_tensor

        allow_ragged_batch = self.allow_ragged_batch

        optional = self.optional

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "data_type": data_type,
                "dims": dims,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if is_shape_tensor is not UNSET:
            field_dict["is_shape_tensor"] = is_shape_tensor
        if allow_ragged_batch is not UNSET:
            field_dict["allow_ragged_batch"] = allow_ragged_batch
        if optional is not UNSET:
            field_dict["optional"] = optional

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        data_type = d.pop("data_type")

        dims = cast(list[int], d.pop("dims"))

        format_ = d.pop("format", UNSET)

        is_shape_tensor = d.pop("is_shape_tensor", UNSET)

        allow_ragged_batch = d.pop("allow_ragged_batch", UNSET)

        optional = d.pop("optional", UNSET)

        oip_config_input = cls(
            name=name,
            data_type=data_type,
            dims=dims,
            format_=format_,
            is_shape_tensor=is_shape_tensor,
            allow_ragged_batch=allow_ragged_batch,
            optional=optional,
        )

        oip_config_input.additional_properties = d
        return oip_config_input

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
