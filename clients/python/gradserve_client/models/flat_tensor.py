from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.wire_d_type import WireDType, check_wire_d_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="FlatTensor")


@_attrs_define
class FlatTensor:
    """Flat row-major data with its shape (as the Open Inference Protocol).

    Attributes:
        shape (list[int]):
        data (list[float | NonFiniteNumber]):
        dtype (WireDType | Unset): Element type of a flat or binary tensor (integers for class indices).
    """

    shape: list[int]
    data: list[float | NonFiniteNumber]
    dtype: WireDType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape

        data = []
        for data_item_data in self.data:
            data_item: float | str
            if isinstance(data_item_data, str):
                data_item = data_item_data
            else:
                data_item = data_item_data
            data.append(data_item)

        dtype: str | Unset = UNSET
        if not isinstance(self.dtype, Unset):
            dtype = self.dtype

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shape": shape,
                "data": data,
            }
        )
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shape = cast(list[int], d.pop("shape"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(data: object) -> float | NonFiniteNumber:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_number_type_1 = check_non_finite_number(data)

                    return componentsschemas_number_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(float | NonFiniteNumber, data)

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        _dtype = d.pop("dtype", UNSET)
        dtype: WireDType | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = check_wire_d_type(_dtype)

        flat_tensor = cls(
            shape=shape,
            data=data,
            dtype=dtype,
        )

        return flat_tensor
