from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

if TYPE_CHECKING:
    from ..models.run_out_hyperparams import RunOutHyperparams


T = TypeVar("T", bound="RunOut")


@_attrs_define
class RunOut:
    """
    Attributes:
        name (str):
        label (str):
        hyperparams (RunOutHyperparams):
        path (list[list[Any]]): Points [x, y] at the steps listed in `indices` (the start first, the last step last).
        loss (list[Any]): f at every returned point of the path.
        grad_norm (list[Any]): ‖∇f‖ at every returned point of the path.
        final (list[Any]):
        final_loss (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        nearest_minimum (list[float] | None):
        distance_to_minimum (float | None | NonFiniteNumber):
        converged_at (int | None):
    """

    name: str
    label: str
    hyperparams: RunOutHyperparams
    path: list[list[Any]]
    loss: list[Any]
    grad_norm: list[Any]
    final: list[Any]
    final_loss: float | NonFiniteNumber
    nearest_minimum: list[float] | None
    distance_to_minimum: float | None | NonFiniteNumber
    converged_at: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        label = self.label

        hyperparams = self.hyperparams.to_dict()

        path = []
        for path_item_data in self.path:
            path_item = path_item_data

            path.append(path_item)

        loss = self.loss

        grad_norm = self.grad_norm

        final = self.final

        final_loss: float | str
        if isinstance(self.final_loss, str):
            final_loss = self.final_loss
        else:
            final_loss = self.final_loss

        nearest_minimum: list[float] | None
        if isinstance(self.nearest_minimum, list):
            nearest_minimum = self.nearest_minimum

        else:
            nearest_minimum = self.nearest_minimum

        distance_to_minimum: float | None | str
        if isinstance(self.distance_to_minimum, str):
            distance_to_minimum = self.distance_to_minimum
        else:
            distance_to_minimum = self.distance_to_minimum

        converged_at: int | None
        converged_at = self.converged_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "label": label,
                "hyperparams": hyperparams,
                "path": path,
                "loss": loss,
                "grad_norm": grad_norm,
                "final": final,
                "final_loss": final_loss,
                "nearest_minimum": nearest_minimum,
                "distance_to_minimum": distance_to_minimum,
                "converged_at": converged_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_out_hyperparams import RunOutHyperparams  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        label = d.pop("label")

        hyperparams = RunOutHyperparams.from_dict(d.pop("hyperparams"))

        path = []
        _path = d.pop("path")
        for path_item_data in _path:
            path_item = cast(list[Any], path_item_data)

            path.append(path_item)

        loss = cast(list[Any], d.pop("loss"))

        grad_norm = cast(list[Any], d.pop("grad_norm"))

        final = cast(list[Any], d.pop("final"))

        def _parse_final_loss(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        final_loss = _parse_final_loss(d.pop("final_loss"))

        def _parse_nearest_minimum(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                nearest_minimum_type_0 = cast(list[float], data)

                return nearest_minimum_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        nearest_minimum = _parse_nearest_minimum(d.pop("nearest_minimum"))

        def _parse_distance_to_minimum(data: object) -> float | None | NonFiniteNumber:
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

        distance_to_minimum = _parse_distance_to_minimum(d.pop("distance_to_minimum"))

        def _parse_converged_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        converged_at = _parse_converged_at(d.pop("converged_at"))

        run_out = cls(
            name=name,
            label=label,
            hyperparams=hyperparams,
            path=path,
            loss=loss,
            grad_norm=grad_norm,
            final=final,
            final_loss=final_loss,
            nearest_minimum=nearest_minimum,
            distance_to_minimum=distance_to_minimum,
            converged_at=converged_at,
        )

        run_out.additional_properties = d
        return run_out

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
