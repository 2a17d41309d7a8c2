from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

T = TypeVar("T", bound="MeanStd")


@_attrs_define
class MeanStd:
    """
    Attributes:
        mean (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        std (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
    """

    mean: float | NonFiniteNumber
    std: float | NonFiniteNumber
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mean: float | str
        if isinstance(self.mean, str):
            mean = self.mean
        else:
            mean = self.mean

        std: float | str
        if isinstance(self.std, str):
            std = self.std
        else:
            std = self.std

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mean": mean,
                "std": std,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_mean(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        mean = _parse_mean(d.pop("mean"))

        def _parse_std(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        std = _parse_std(d.pop("std"))

        mean_std = cls(
            mean=mean,
            std=std,
        )

        mean_std.additional_properties = d
        return mean_std

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
