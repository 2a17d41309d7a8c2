from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tensor_stats_l1_type_1 import TensorStatsL1Type1, check_tensor_stats_l1_type_1
from ..models.tensor_stats_l2_type_1 import TensorStatsL2Type1, check_tensor_stats_l2_type_1
from ..models.tensor_stats_linf_type_1 import TensorStatsLinfType1, check_tensor_stats_linf_type_1
from ..models.tensor_stats_max_type_0_type_1 import TensorStatsMaxType0Type1, check_tensor_stats_max_type_0_type_1
from ..models.tensor_stats_mean_type_0_type_1 import TensorStatsMeanType0Type1, check_tensor_stats_mean_type_0_type_1
from ..models.tensor_stats_min_type_0_type_1 import TensorStatsMinType0Type1, check_tensor_stats_min_type_0_type_1
from ..models.tensor_stats_rms_type_1 import TensorStatsRmsType1, check_tensor_stats_rms_type_1
from ..models.tensor_stats_std_type_0_type_1 import TensorStatsStdType0Type1, check_tensor_stats_std_type_0_type_1
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
        l1 (float | TensorStatsL1Type1):
        l2 (float | TensorStatsL2Type1):
        linf (float | TensorStatsLinfType1):
        rms (float | TensorStatsRmsType1):
        mean (float | None | TensorStatsMeanType0Type1):
        std (float | None | TensorStatsStdType0Type1): Population std (ddof 0) of the finite values.
        min_ (float | None | TensorStatsMinType0Type1):
        max_ (float | None | TensorStatsMaxType0Type1):
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
    l1: float | TensorStatsL1Type1
    l2: float | TensorStatsL2Type1
    linf: float | TensorStatsLinfType1
    rms: float | TensorStatsRmsType1
    mean: float | None | TensorStatsMeanType0Type1
    std: float | None | TensorStatsStdType0Type1
    min_: float | None | TensorStatsMinType0Type1
    max_: float | None | TensorStatsMaxType0Type1
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

        def _parse_l1(data: object) -> float | TensorStatsL1Type1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                l1_type_1 = check_tensor_stats_l1_type_1(data)

                return l1_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | TensorStatsL1Type1, data)

        l1 = _parse_l1(d.pop("l1"))

        def _parse_l2(data: object) -> float | TensorStatsL2Type1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                l2_type_1 = check_tensor_stats_l2_type_1(data)

                return l2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | TensorStatsL2Type1, data)

        l2 = _parse_l2(d.pop("l2"))

        def _parse_linf(data: object) -> float | TensorStatsLinfType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                linf_type_1 = check_tensor_stats_linf_type_1(data)

                return linf_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | TensorStatsLinfType1, data)

        linf = _parse_linf(d.pop("linf"))

        def _parse_rms(data: object) -> float | TensorStatsRmsType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rms_type_1 = check_tensor_stats_rms_type_1(data)

                return rms_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | TensorStatsRmsType1, data)

        rms = _parse_rms(d.pop("rms"))

        def _parse_mean(data: object) -> float | None | TensorStatsMeanType0Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mean_type_0_type_1 = check_tensor_stats_mean_type_0_type_1(data)

                return mean_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | TensorStatsMeanType0Type1, data)

        mean = _parse_mean(d.pop("mean"))

        def _parse_std(data: object) -> float | None | TensorStatsStdType0Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                std_type_0_type_1 = check_tensor_stats_std_type_0_type_1(data)

                return std_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | TensorStatsStdType0Type1, data)

        std = _parse_std(d.pop("std"))

        def _parse_min_(data: object) -> float | None | TensorStatsMinType0Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                min_type_0_type_1 = check_tensor_stats_min_type_0_type_1(data)

                return min_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | TensorStatsMinType0Type1, data)

        min_ = _parse_min_(d.pop("min"))

        def _parse_max_(data: object) -> float | None | TensorStatsMaxType0Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                max_type_0_type_1 = check_tensor_stats_max_type_0_type_1(data)

                return max_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | TensorStatsMaxType0Type1, data)

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
