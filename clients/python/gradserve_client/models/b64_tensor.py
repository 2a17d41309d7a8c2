from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.wire_d_type import WireDType, check_wire_d_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="B64Tensor")


@_attrs_define
class B64Tensor:
    """Base64 of the little-endian row-major bytes: the fast path for large arrays.

    Attributes:
        shape (list[int]):
        b64 (str):
        dtype (WireDType | Unset): Element type of a flat or binary tensor (integers for class indices).
    """

    shape: list[int]
    b64: str
    dtype: WireDType | Unset = UNSET

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
        dtype: WireDType | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = check_wire_d_type(_dtype)

        b64_tensor = cls(
            shape=shape,
            b64=b64,
            dtype=dtype,
        )

        return b64_tensor
