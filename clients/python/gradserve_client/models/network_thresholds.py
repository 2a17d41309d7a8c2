from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkThresholds")


@_attrs_define
class NetworkThresholds:
    """
    Attributes:
        vanishing (float | Unset): A dense layer whose weight-gradient norm / the last dense layer's is below this is
            vanishing (as gradient-flow). Default: 0.01.
        exploding (float | Unset): … above this is exploding. Default: 100.0.
    """

    vanishing: float | Unset = 0.01
    exploding: float | Unset = 100.0

    def to_dict(self) -> dict[str, Any]:
        vanishing = self.vanishing

        exploding = self.exploding

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if vanishing is not UNSET:
            field_dict["vanishing"] = vanishing
        if exploding is not UNSET:
            field_dict["exploding"] = exploding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        vanishing = d.pop("vanishing", UNSET)

        exploding = d.pop("exploding", UNSET)

        network_thresholds = cls(
            vanishing=vanishing,
            exploding=exploding,
        )

        return network_thresholds
