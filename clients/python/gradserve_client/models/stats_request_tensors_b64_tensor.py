from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stats_request_tensors_b64_tensor_dtype import (
    StatsRequestTensorsB64TensorDtype,
    check_stats_request_tensors_b64_tensor_dtype,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatsRequestTensorsB64Tensor")


@_attrs_define
class StatsRequestTensorsB64Tensor:
    """
    Attributes:
        shape (list[int]):
        b64 (str):
        dtype (StatsRequestTensorsB64TensorDtype | Unset):  Default: 'float64'.
    """

    shape: list[int]
    b64: str
    dtype: StatsRequestTensorsB64TensorDtype | Unset = "float64"

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape

        b64 = self.b64

        dtype: str | Unset = UNSET
        if not isinstance(self.dtype, Unset):
            dtype = self.dtype

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shape": shape,
                "b64": b64,
            }
        )
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shape = cast(list[int], d.pop("shape"))

        b64 = d.pop("b64")

        _dtype = d.pop("dtype", UNSET)
        dtype: StatsRequestTensorsB64TensorDtype | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = check_stats_request_tensors_b64_tensor_dtype(_dtype)

        stats_request_tensors_b64_tensor = cls(
            shape=shape,
            b64=b64,
            dtype=dtype,
        )

        return stats_request_tensors_b64_tensor
