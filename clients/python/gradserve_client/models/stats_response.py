from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.stats_response_verdict import StatsResponseVerdict, check_stats_response_verdict

if TYPE_CHECKING:
    from ..models.stats_response_tensors import StatsResponseTensors
    from ..models.stats_response_thresholds import StatsResponseThresholds


T = TypeVar("T", bound="StatsResponse")


@_attrs_define
class StatsResponse:
    """
    Attributes:
        tensors (StatsResponseTensors):
        global_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        global_rms (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        global_linf (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        count (int):
        verdict (StatsResponseVerdict): The most severe tensor verdict (or the global norm's).
        worst_tensor (None | str):
        thresholds (StatsResponseThresholds):
    """

    tensors: StatsResponseTensors
    global_norm: float | NonFiniteNumber
    global_rms: float | NonFiniteNumber
    global_linf: float | NonFiniteNumber
    count: int
    verdict: StatsResponseVerdict
    worst_tensor: None | str
    thresholds: StatsResponseThresholds
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tensors = self.tensors.to_dict()

        global_norm: float | str
        if isinstance(self.global_norm, str):
            global_norm = self.global_norm
        else:
            global_norm = self.global_norm

        global_rms: float | str
        if isinstance(self.global_rms, str):
            global_rms = self.global_rms
        else:
            global_rms = self.global_rms

        global_linf: float | str
        if isinstance(self.global_linf, str):
            global_linf = self.global_linf
        else:
            global_linf = self.global_linf

        count = self.count

        verdict: str = self.verdict

        worst_tensor: None | str
        worst_tensor = self.worst_tensor

        thresholds = self.thresholds.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tensors": tensors,
                "global_norm": global_norm,
                "global_rms": global_rms,
                "global_linf": global_linf,
                "count": count,
                "verdict": verdict,
                "worst_tensor": worst_tensor,
                "thresholds": thresholds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_response_tensors import StatsResponseTensors  # noqa: PLC0415
        from ..models.stats_response_thresholds import StatsResponseThresholds  # noqa: PLC0415

        d = dict(src_dict)
        tensors = StatsResponseTensors.from_dict(d.pop("tensors"))

        def _parse_global_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        global_norm = _parse_global_norm(d.pop("global_norm"))

        def _parse_global_rms(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        global_rms = _parse_global_rms(d.pop("global_rms"))

        def _parse_global_linf(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        global_linf = _parse_global_linf(d.pop("global_linf"))

        count = d.pop("count")

        verdict = check_stats_response_verdict(d.pop("verdict"))

        def _parse_worst_tensor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        worst_tensor = _parse_worst_tensor(d.pop("worst_tensor"))

        thresholds = StatsResponseThresholds.from_dict(d.pop("thresholds"))

        stats_response = cls(
            tensors=tensors,
            global_norm=global_norm,
            global_rms=global_rms,
            global_linf=global_linf,
            count=count,
            verdict=verdict,
            worst_tensor=worst_tensor,
            thresholds=thresholds,
        )

        stats_response.additional_properties = d
        return stats_response

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
