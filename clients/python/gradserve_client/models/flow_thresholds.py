from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FlowThresholds")


@_attrs_define
class FlowThresholds:
    """
    Attributes:
        vanishing (float | Unset): A layer whose weight-gradient norm / the last layer's is below this is vanishing.
            Default: 0.01.
        exploding (float | Unset): ... above this is exploding. Default: 100.0.
        saturation (float | Unset): An entry with |f'(z)| below this is saturated (a unit saturated for the whole batch
            is dead). Default: 0.01.
    """

    vanishing: float | Unset = 0.01
    exploding: float | Unset = 100.0
    saturation: float | Unset = 0.01

    def to_dict(self) -> dict[str, Any]:
        vanishing = self.vanishing

        exploding = self.exploding

        saturation = self.saturation

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if vanishing is not UNSET:
            field_dict["vanishing"] = vanishing
        if exploding is not UNSET:
            field_dict["exploding"] = exploding
        if saturation is not UNSET:
            field_dict["saturation"] = saturation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        vanishing = d.pop("vanishing", UNSET)

        exploding = d.pop("exploding", UNSET)

        saturation = d.pop("saturation", UNSET)

        flow_thresholds = cls(
            vanishing=vanishing,
            exploding=exploding,
            saturation=saturation,
        )

        return flow_thresholds
