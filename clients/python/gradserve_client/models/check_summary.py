from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

T = TypeVar("T", bound="CheckSummary")


@_attrs_define
class CheckSummary:
    """
    Attributes:
        passed (bool): Every entry within atol + rtol·|numeric|.
        max_abs_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        max_rel_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        mismatches (int): Entries outside the tolerance.
        count (int): Entries compared.
    """

    passed: bool
    max_abs_error: float | NonFiniteNumber
    max_rel_error: float | NonFiniteNumber
    mismatches: int
    count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passed = self.passed

        max_abs_error: float | str
        if isinstance(self.max_abs_error, str):
            max_abs_error = self.max_abs_error
        else:
            max_abs_error = self.max_abs_error

        max_rel_error: float | str
        if isinstance(self.max_rel_error, str):
            max_rel_error = self.max_rel_error
        else:
            max_rel_error = self.max_rel_error

        mismatches = self.mismatches

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passed": passed,
                "max_abs_error": max_abs_error,
                "max_rel_error": max_rel_error,
                "mismatches": mismatches,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        passed = d.pop("passed")

        def _parse_max_abs_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        max_abs_error = _parse_max_abs_error(d.pop("max_abs_error"))

        def _parse_max_rel_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        max_rel_error = _parse_max_rel_error(d.pop("max_rel_error"))

        mismatches = d.pop("mismatches")

        count = d.pop("count")

        check_summary = cls(
            passed=passed,
            max_abs_error=max_abs_error,
            max_rel_error=max_rel_error,
            mismatches=mismatches,
            count=count,
        )

        check_summary.additional_properties = d
        return check_summary

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
