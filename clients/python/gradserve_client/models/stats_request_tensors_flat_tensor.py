from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stats_request_tensors_flat_tensor_data_item_type_1 import (
    StatsRequestTensorsFlatTensorDataItemType1,
    check_stats_request_tensors_flat_tensor_data_item_type_1,
)
from ..models.stats_request_tensors_flat_tensor_dtype import (
    StatsRequestTensorsFlatTensorDtype,
    check_stats_request_tensors_flat_tensor_dtype,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatsRequestTensorsFlatTensor")


@_attrs_define
class StatsRequestTensorsFlatTensor:
    """
    Attributes:
        shape (list[int]):
        data (list[float | StatsRequestTensorsFlatTensorDataItemType1]):
        dtype (StatsRequestTensorsFlatTensorDtype | Unset):  Default: 'float64'.
    """

    shape: list[int]
    data: list[float | StatsRequestTensorsFlatTensorDataItemType1]
    dtype: StatsRequestTensorsFlatTensorDtype | Unset = "float64"

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

            def _parse_data_item(data: object) -> float | StatsRequestTensorsFlatTensorDataItemType1:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    data_item_type_1 = check_stats_request_tensors_flat_tensor_data_item_type_1(data)

                    return data_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(float | StatsRequestTensorsFlatTensorDataItemType1, data)

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        _dtype = d.pop("dtype", UNSET)
        dtype: StatsRequestTensorsFlatTensorDtype | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = check_stats_request_tensors_flat_tensor_dtype(_dtype)

        stats_request_tensors_flat_tensor = cls(
            shape=shape,
            data=data,
            dtype=dtype,
        )

        return stats_request_tensors_flat_tensor
