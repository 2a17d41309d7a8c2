from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Histogram")


@_attrs_define
class Histogram:
    """
    Attributes:
        log10_edges (list[int]): Bin edges k: bin i counts 10^k_i <= |g| < 10^k_i+1.
        counts (list[int]):
        underflow (int): 0 < |g| below the first edge.
        overflow (int): Finite |g| at or above the last edge.
        zeros (int):
    """

    log10_edges: list[int]
    counts: list[int]
    underflow: int
    overflow: int
    zeros: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        log10_edges = self.log10_edges

        counts = self.counts

        underflow = self.underflow

        overflow = self.overflow

        zeros = self.zeros

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "log10_edges": log10_edges,
                "counts": counts,
                "underflow": underflow,
                "overflow": overflow,
                "zeros": zeros,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        log10_edges = cast(list[int], d.pop("log10_edges"))

        counts = cast(list[int], d.pop("counts"))

        underflow = d.pop("underflow")

        overflow = d.pop("overflow")

        zeros = d.pop("zeros")

        histogram = cls(
            log10_edges=log10_edges,
            counts=counts,
            underflow=underflow,
            overflow=overflow,
            zeros=zeros,
        )

        histogram.additional_properties = d
        return histogram

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
