from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mismatch import Mismatch


T = TypeVar("T", bound="OutputCheck")


@_attrs_define
class OutputCheck:
    """
    Attributes:
        passed (bool):
        shape (list[int]):
        count (int):
        max_abs_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        max_rel_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        max_ulp (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        atol (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        mismatches (int):
        first_mismatches (list[Mismatch]):
        diagnosis (None | str): The known variant the client's numbers match: sign_flipped, missing_mean_division,
            diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01, leaky_slope_0.2, leaky_slope_0.3,
            gelu_tanh_approximation, gelu_exact, keras_convention, torch_convention, eps_inside_sqrt, no_bias_correction,
            coupled_weight_decay, missing_chain_rule_factor, scaled, float32_overflow, float64_overflow, kink_convention; or
            null.
        diagnosis_detail (None | str): What the diagnosis means here.
        factor (float | None | Unset): For diagnosis `scaled`: the constant k with client = k × reference (least
            squares, or the nearest n or 1/n when that fits); otherwise null.
    """

    passed: bool
    shape: list[int]
    count: int
    max_abs_error: float | NonFiniteNumber
    max_rel_error: float | NonFiniteNumber
    max_ulp: float | NonFiniteNumber
    atol: float | NonFiniteNumber
    mismatches: int
    first_mismatches: list[Mismatch]
    diagnosis: None | str
    diagnosis_detail: None | str
    factor: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passed = self.passed

        shape = self.shape

        count = self.count

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

        max_ulp: float | str
        if isinstance(self.max_ulp, str):
            max_ulp = self.max_ulp
        else:
            max_ulp = self.max_ulp

        atol: float | str
        if isinstance(self.atol, str):
            atol = self.atol
        else:
            atol = self.atol

        mismatches = self.mismatches

        first_mismatches = []
        for first_mismatches_item_data in self.first_mismatches:
            first_mismatches_item = first_mismatches_item_data.to_dict()
            first_mismatches.append(first_mismatches_item)

        diagnosis: None | str
        diagnosis = self.diagnosis

        diagnosis_detail: None | str
        diagnosis_detail = self.diagnosis_detail

        factor: float | None | Unset
        if isinstance(self.factor, Unset):
            factor = UNSET
        else:
            factor = self.factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passed": passed,
                "shape": shape,
                "count": count,
                "max_abs_error": max_abs_error,
                "max_rel_error": max_rel_error,
                "max_ulp": max_ulp,
                "atol": atol,
                "mismatches": mismatches,
                "first_mismatches": first_mismatches,
                "diagnosis": diagnosis,
                "diagnosis_detail": diagnosis_detail,
            }
        )
        if factor is not UNSET:
            field_dict["factor"] = factor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mismatch import Mismatch  # noqa: PLC0415

        d = dict(src_dict)
        passed = d.pop("passed")

        shape = cast(list[int], d.pop("shape"))

        count = d.pop("count")

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

        def _parse_max_ulp(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        max_ulp = _parse_max_ulp(d.pop("max_ulp"))

        def _parse_atol(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        atol = _parse_atol(d.pop("atol"))

        mismatches = d.pop("mismatches")

        first_mismatches = []
        _first_mismatches = d.pop("first_mismatches")
        for first_mismatches_item_data in _first_mismatches:
            first_mismatches_item = Mismatch.from_dict(first_mismatches_item_data)

            first_mismatches.append(first_mismatches_item)

        def _parse_diagnosis(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        diagnosis = _parse_diagnosis(d.pop("diagnosis"))

        def _parse_diagnosis_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        diagnosis_detail = _parse_diagnosis_detail(d.pop("diagnosis_detail"))

        def _parse_factor(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        factor = _parse_factor(d.pop("factor", UNSET))

        output_check = cls(
            passed=passed,
            shape=shape,
            count=count,
            max_abs_error=max_abs_error,
            max_rel_error=max_rel_error,
            max_ulp=max_ulp,
            atol=atol,
            mismatches=mismatches,
            first_mismatches=first_mismatches,
            diagnosis=diagnosis,
            diagnosis_detail=diagnosis_detail,
            factor=factor,
        )

        output_check.additional_properties = d
        return output_check

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
