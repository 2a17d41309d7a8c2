from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

T = TypeVar("T", bound="StepStats")


@_attrs_define
class StepStats:
    """
    Attributes:
        step (int): The step counter after this update (1 for the first).
        lr (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        clipped (bool): Whether clipping changed the gradient.
        clipped_grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        update_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        penalty (float | None | NonFiniteNumber | Unset): a·Σ|w| + b·Σw² at the old params.
    """

    step: int
    lr: float | NonFiniteNumber
    grad_norm: float | NonFiniteNumber
    clipped: bool
    clipped_grad_norm: float | NonFiniteNumber
    update_norm: float | NonFiniteNumber
    penalty: float | None | NonFiniteNumber | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step = self.step

        lr: float | str
        if isinstance(self.lr, str):
            lr = self.lr
        else:
            lr = self.lr

        grad_norm: float | str
        if isinstance(self.grad_norm, str):
            grad_norm = self.grad_norm
        else:
            grad_norm = self.grad_norm

        clipped = self.clipped

        clipped_grad_norm: float | str
        if isinstance(self.clipped_grad_norm, str):
            clipped_grad_norm = self.clipped_grad_norm
        else:
            clipped_grad_norm = self.clipped_grad_norm

        update_norm: float | str
        if isinstance(self.update_norm, str):
            update_norm = self.update_norm
        else:
            update_norm = self.update_norm

        penalty: float | None | str | Unset
        if isinstance(self.penalty, Unset):
            penalty = UNSET
        elif isinstance(self.penalty, str):
            penalty = self.penalty
        else:
            penalty = self.penalty

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "step": step,
                "lr": lr,
                "grad_norm": grad_norm,
                "clipped": clipped,
                "clipped_grad_norm": clipped_grad_norm,
                "update_norm": update_norm,
            }
        )
        if penalty is not UNSET:
            field_dict["penalty"] = penalty

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        step = d.pop("step")

        def _parse_lr(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        lr = _parse_lr(d.pop("lr"))

        def _parse_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        grad_norm = _parse_grad_norm(d.pop("grad_norm"))

        clipped = d.pop("clipped")

        def _parse_clipped_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        clipped_grad_norm = _parse_clipped_grad_norm(d.pop("clipped_grad_norm"))

        def _parse_update_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        update_norm = _parse_update_norm(d.pop("update_norm"))

        def _parse_penalty(data: object) -> float | None | NonFiniteNumber | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | None | NonFiniteNumber | Unset, data)

        penalty = _parse_penalty(d.pop("penalty", UNSET))

        step_stats = cls(
            step=step,
            lr=lr,
            grad_norm=grad_norm,
            clipped=clipped,
            clipped_grad_norm=clipped_grad_norm,
            update_norm=update_norm,
            penalty=penalty,
        )

        step_stats.additional_properties = d
        return step_stats

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
