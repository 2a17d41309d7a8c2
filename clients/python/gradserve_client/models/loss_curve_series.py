from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

T = TypeVar("T", bound="LossCurveSeries")


@_attrs_define
class LossCurveSeries:
    """
    Attributes:
        y_true (float): The fixed target: a value, a label, or the true class.
        label (str): Legend text, e.g. `y_true = 1` or `true class 0`.
        loss (list[float | NonFiniteNumber]): The per-sample loss at every x.
        grad (list[float | NonFiniteNumber]): dL/dx at every x.
    """

    y_true: float
    label: str
    loss: list[float | NonFiniteNumber]
    grad: list[float | NonFiniteNumber]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        y_true = self.y_true

        label = self.label

        loss = []
        for loss_item_data in self.loss:
            loss_item: float | str
            if isinstance(loss_item_data, str):
                loss_item = loss_item_data
            else:
                loss_item = loss_item_data
            loss.append(loss_item)

        grad = []
        for grad_item_data in self.grad:
            grad_item: float | str
            if isinstance(grad_item_data, str):
                grad_item = grad_item_data
            else:
                grad_item = grad_item_data
            grad.append(grad_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "y_true": y_true,
                "label": label,
                "loss": loss,
                "grad": grad,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        y_true = d.pop("y_true")

        label = d.pop("label")

        loss = []
        _loss = d.pop("loss")
        for loss_item_data in _loss:

            def _parse_loss_item(data: object) -> float | NonFiniteNumber:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_number_type_1 = check_non_finite_number(data)

                    return componentsschemas_number_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(float | NonFiniteNumber, data)

            loss_item = _parse_loss_item(loss_item_data)

            loss.append(loss_item)

        grad = []
        _grad = d.pop("grad")
        for grad_item_data in _grad:

            def _parse_grad_item(data: object) -> float | NonFiniteNumber:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_number_type_1 = check_non_finite_number(data)

                    return componentsschemas_number_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(float | NonFiniteNumber, data)

            grad_item = _parse_grad_item(grad_item_data)

            grad.append(grad_item)

        loss_curve_series = cls(
            y_true=y_true,
            label=label,
            loss=loss,
            grad=grad,
        )

        loss_curve_series.additional_properties = d
        return loss_curve_series

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
