from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.tensor_stats_verdict import TensorStatsVerdict, check_tensor_stats_verdict

if TYPE_CHECKING:
    from ..models.histogram import Histogram


T = TypeVar("T", bound="TensorStats")


@_attrs_define
class TensorStats:
    """
    Attributes:
        shape (list[int]):
        count (int):
        finite_count (int):
        nan_count (int):
        inf_count (int):
        posinf_count (int):
        neginf_count (int):
        l1 (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        l2 (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        linf (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        rms (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        mean (float | None | NonFiniteNumber):
        std (float | None | NonFiniteNumber): Population std (ddof 0) of the finite values.
        min_ (float | None | NonFiniteNumber):
        max_ (float | None | NonFiniteNumber):
        zero_fraction (float):
        histogram (Histogram):
        verdict (TensorStatsVerdict):
    """

    shape: list[int]
    count: int
    finite_count: int
    nan_count: int
    inf_count: int
    posinf_count: int
    neginf_count: int
    l1: float | NonFiniteNumber
    l2: float | NonFiniteNumber
    linf: float | NonFiniteNumber
    rms: float | NonFiniteNumber
    mean: float | None | NonFiniteNumber
    std: float | None | NonFiniteNumber
    min_: float | None | NonFiniteNumber
    max_: float | None | NonFiniteNumber
    zero_fraction: float
    histogram: Histogram
    verdict: TensorStatsVerdict
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape

        count = self.count

        finite_count = self.finite_count

        nan_count = self.nan_count

        inf_count = self.inf_count

        posinf_count = self.posinf_count

        neginf_count = self.neginf_count

        l1: float | str
        if isinstance(self.l1, str):
            l1 = self.l1
        else:
            l1 = self.l1

        l2: float | str
        if isinstance(self.l2, str):
            l2 = self.l2
        else:
            l2 = self.l2

        linf: float | str
        if isinstance(self.linf, str):
            linf = self.linf
        else:
            linf = self.linf

        rms: float | str
        if isinstance(self.rms, str):
            rms = self.rms
        else:
            rms = self.rms

        mean: float | None | str
        if isinstance(self.mean, str):
            mean = self.mean
        else:
            mean = self.mean

        std: float | None | str
        if isinstance(self.std, str):
            std = self.std
        else:
            std = self.std

        min_: float | None | str
        if isinstance(self.min_, str):
            min_ = self.min_
        else:
            min_ = self.min_

        max_: float | None | str
        if isinstance(self.max_, str):
            max_ = self.max_
        else:
            max_ = self.max_

        zero_fraction = self.zero_fraction

        histogram = self.histogram.to_dict()

        verdict: str = self.verdict

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shape": shape,
                "count": count,
                "finite_count": finite_count,
                "nan_count": nan_count,
                "inf_count": inf_count,
                "posinf_count": posinf_count,
                "neginf_count": neginf_count,
                "l1": l1,
                "l2": l2,
                "linf": linf,
                "rms": rms,
                "mean": mean,
                "std": std,
                "min": min_,
                "max": max_,
                "zero_fraction": zero_fraction,
                "histogram": histogram,
                "verdict": verdict,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.histogram import Histogram  # noqa: PLC0415

        d = dict(src_dict)
        shape = cast(list[int], d.pop("shape"))

        count = d.pop("count")

        finite_count = d.pop("finite_count")

        nan_count = d.pop("nan_count")

        inf_count = d.pop("inf_count")

        posinf_count = d.pop("posinf_count")

        neginf_count = d.pop("neginf_count")

        def _parse_l1(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        l1 = _parse_l1(d.pop("l1"))

        def _parse_l2(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        l2 = _parse_l2(d.pop("l2"))

        def _parse_linf(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        linf = _parse_linf(d.pop("linf"))

        def _parse_rms(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        rms = _parse_rms(d.pop("rms"))

        def _parse_mean(data: object) -> float | None | NonFiniteNumber:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | NonFiniteNumber, data)

        mean = _parse_mean(d.pop("mean"))

        def _parse_std(data: object) -> float | None | NonFiniteNumber:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | NonFiniteNumber, data)

        std = _parse_std(d.pop("std"))

        def _parse_min_(data: object) -> float | None | NonFiniteNumber:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | NonFiniteNumber, data)

        min_ = _parse_min_(d.pop("min"))

        def _parse_max_(data: object) -> float | None | NonFiniteNumber:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | NonFiniteNumber, data)

        max_ = _parse_max_(d.pop("max"))

        zero_fraction = d.pop("zero_fraction")

        histogram = Histogram.from_dict(d.pop("histogram"))

        verdict = check_tensor_stats_verdict(d.pop("verdict"))

        tensor_stats = cls(
            shape=shape,
            count=count,
            finite_count=finite_count,
            nan_count=nan_count,
            inf_count=inf_count,
            posinf_count=posinf_count,
            neginf_count=neginf_count,
            l1=l1,
            l2=l2,
            linf=linf,
            rms=rms,
            mean=mean,
            std=std,
            min_=min_,
            max_=max_,
            zero_fraction=zero_fraction,
            histogram=histogram,
            verdict=verdict,
        )

        tensor_stats.additional_properties = d
        return tensor_stats

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
