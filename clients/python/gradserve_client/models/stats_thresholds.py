from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.stats_thresholds_norm import StatsThresholdsNorm, check_stats_thresholds_norm
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatsThresholds")


@_attrs_define
class StatsThresholds:
    """
    Attributes:
        vanishing (float | Unset): A tensor whose norm is below this is vanishing (an all-zero one too). Default: 1e-07.
        exploding (float | Unset): A tensor whose norm is above this is exploding. Default: 1000.0.
        norm (StatsThresholdsNorm | Unset): The norm compared: l2 (as clip_grad_norm_), rms = l2/√n, or linf. Default:
            'l2'.
    """

    vanishing: float | Unset = 1e-07
    exploding: float | Unset = 1000.0
    norm: StatsThresholdsNorm | Unset = "l2"

    def to_dict(self) -> dict[str, Any]:
        vanishing = self.vanishing

        exploding = self.exploding

        norm: str | Unset = UNSET
        if not isinstance(self.norm, Unset):
            norm = self.norm

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if vanishing is not UNSET:
            field_dict["vanishing"] = vanishing
        if exploding is not UNSET:
            field_dict["exploding"] = exploding
        if norm is not UNSET:
            field_dict["norm"] = norm

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        vanishing = d.pop("vanishing", UNSET)

        exploding = d.pop("exploding", UNSET)

        _norm = d.pop("norm", UNSET)
        norm: StatsThresholdsNorm | Unset
        if isinstance(_norm, Unset):
            norm = UNSET
        else:
            norm = check_stats_thresholds_norm(_norm)

        stats_thresholds = cls(
            vanishing=vanishing,
            exploding=exploding,
            norm=norm,
        )

        return stats_thresholds
