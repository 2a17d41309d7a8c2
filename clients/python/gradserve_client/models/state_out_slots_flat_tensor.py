from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.state_out_slots_flat_tensor_data_item_type_1 import (
    StateOutSlotsFlatTensorDataItemType1,
    check_state_out_slots_flat_tensor_data_item_type_1,
)
from ..models.state_out_slots_flat_tensor_dtype import (
    StateOutSlotsFlatTensorDtype,
    check_state_out_slots_flat_tensor_dtype,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StateOutSlotsFlatTensor")


@_attrs_define
class StateOutSlotsFlatTensor:
    """
    Attributes:
        shape (list[int]):
        data (list[float | StateOutSlotsFlatTensorDataItemType1]):
        dtype (StateOutSlotsFlatTensorDtype | Unset):  Default: 'float64'.
    """

    shape: list[int]
    data: list[float | StateOutSlotsFlatTensorDataItemType1]
    dtype: StateOutSlotsFlatTensorDtype | Unset = "float64"

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

            def _parse_data_item(data: object) -> float | StateOutSlotsFlatTensorDataItemType1:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    data_item_type_1 = check_state_out_slots_flat_tensor_data_item_type_1(data)

                    return data_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(float | StateOutSlotsFlatTensorDataItemType1, data)

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        _dtype = d.pop("dtype", UNSET)
        dtype: StateOutSlotsFlatTensorDtype | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = check_state_out_slots_flat_tensor_dtype(_dtype)

        state_out_slots_flat_tensor = cls(
            shape=shape,
            data=data,
            dtype=dtype,
        )

        return state_out_slots_flat_tensor
