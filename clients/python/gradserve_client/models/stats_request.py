from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_request_tensors import StatsRequestTensors
    from ..models.stats_thresholds import StatsThresholds


T = TypeVar("T", bound="StatsRequest")


@_attrs_define
class StatsRequest:
    """
    Attributes:
        tensors (StatsRequestTensors): Named gradient tensors (b64 is the fast path for large ones).
        thresholds (StatsThresholds | Unset):
    """

    tensors: StatsRequestTensors
    thresholds: StatsThresholds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tensors = self.tensors.to_dict()

        thresholds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tensors": tensors,
            }
        )
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_request_tensors import StatsRequestTensors  # noqa: PLC0415
        from ..models.stats_thresholds import StatsThresholds  # noqa: PLC0415

        d = dict(src_dict)
        tensors = StatsRequestTensors.from_dict(d.pop("tensors"))

        _thresholds = d.pop("thresholds", UNSET)
        thresholds: StatsThresholds | Unset
        if isinstance(_thresholds, Unset):
            thresholds = UNSET
        else:
            thresholds = StatsThresholds.from_dict(_thresholds)

        stats_request = cls(
            tensors=tensors,
            thresholds=thresholds,
        )

        return stats_request
