from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_summary_max_abs_error_type_1 import (
    CheckSummaryMaxAbsErrorType1,
    check_check_summary_max_abs_error_type_1,
)
from ..models.check_summary_max_rel_error_type_1 import (
    CheckSummaryMaxRelErrorType1,
    check_check_summary_max_rel_error_type_1,
)

T = TypeVar("T", bound="CheckSummary")


@_attrs_define
class CheckSummary:
    """
    Attributes:
        passed (bool): Every entry within atol + rtol·|numeric|.
        max_abs_error (CheckSummaryMaxAbsErrorType1 | float): max |analytic − numeric|.
        max_rel_error (CheckSummaryMaxRelErrorType1 | float): max |analytic − numeric| / |numeric|.
        mismatches (int): Entries outside the tolerance.
        count (int): Entries compared.
    """

    passed: bool
    max_abs_error: CheckSummaryMaxAbsErrorType1 | float
    max_rel_error: CheckSummaryMaxRelErrorType1 | float
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

        def _parse_max_abs_error(data: object) -> CheckSummaryMaxAbsErrorType1 | float:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                max_abs_error_type_1 = check_check_summary_max_abs_error_type_1(data)

                return max_abs_error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckSummaryMaxAbsErrorType1 | float, data)

        max_abs_error = _parse_max_abs_error(d.pop("max_abs_error"))

        def _parse_max_rel_error(data: object) -> CheckSummaryMaxRelErrorType1 | float:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                max_rel_error_type_1 = check_check_summary_max_rel_error_type_1(data)

                return max_rel_error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckSummaryMaxRelErrorType1 | float, data)

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
