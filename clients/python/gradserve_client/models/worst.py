from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

T = TypeVar("T", bound="Worst")


@_attrs_define
class Worst:
    """
    Attributes:
        check (str): Which analytic quantity (derivative, vjp, jacobian, grad).
        index (list[int]): Index of the entry (see worst_index).
        analytic (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        numeric (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        abs_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        rel_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
    """

    check: str
    index: list[int]
    analytic: float | NonFiniteNumber
    numeric: float | NonFiniteNumber
    abs_error: float | NonFiniteNumber
    rel_error: float | NonFiniteNumber
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        check = self.check

        index = self.index

        analytic: float | str
        if isinstance(self.analytic, str):
            analytic = self.analytic
        else:
            analytic = self.analytic

        numeric: float | str
        if isinstance(self.numeric, str):
            numeric = self.numeric
        else:
            numeric = self.numeric

        abs_error: float | str
        if isinstance(self.abs_error, str):
            abs_error = self.abs_error
        else:
            abs_error = self.abs_error

        rel_error: float | str
        if isinstance(self.rel_error, str):
            rel_error = self.rel_error
        else:
            rel_error = self.rel_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "check": check,
                "index": index,
                "analytic": analytic,
                "numeric": numeric,
                "abs_error": abs_error,
                "rel_error": rel_error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        check = d.pop("check")

        index = cast(list[int], d.pop("index"))

        def _parse_analytic(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        analytic = _parse_analytic(d.pop("analytic"))

        def _parse_numeric(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        numeric = _parse_numeric(d.pop("numeric"))

        def _parse_abs_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        abs_error = _parse_abs_error(d.pop("abs_error"))

        def _parse_rel_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        rel_error = _parse_rel_error(d.pop("rel_error"))

        worst = cls(
            check=check,
            index=index,
            analytic=analytic,
            numeric=numeric,
            abs_error=abs_error,
            rel_error=rel_error,
        )

        worst.additional_properties = d
        return worst

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
