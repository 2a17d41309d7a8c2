from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flow_layer_verdict import FlowLayerVerdict, check_flow_layer_verdict
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

if TYPE_CHECKING:
    from ..models.mean_std import MeanStd


T = TypeVar("T", bound="FlowLayer")


@_attrs_define
class FlowLayer:
    """
    Attributes:
        layer (int): 1 at the input.
        pre_activation (MeanStd):
        activation (MeanStd):
        saturated_fraction (float):
        dead_fraction (float):
        weight_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        weight_grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        bias_grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        pre_activation_grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        weight_grad_ratio (float | None | NonFiniteNumber): weight_grad_norm / the last layer's.
        pre_activation_grad_ratio (float | None | NonFiniteNumber):
        verdict (FlowLayerVerdict):
    """

    layer: int
    pre_activation: MeanStd
    activation: MeanStd
    saturated_fraction: float
    dead_fraction: float
    weight_norm: float | NonFiniteNumber
    weight_grad_norm: float | NonFiniteNumber
    bias_grad_norm: float | NonFiniteNumber
    pre_activation_grad_norm: float | NonFiniteNumber
    weight_grad_ratio: float | None | NonFiniteNumber
    pre_activation_grad_ratio: float | None | NonFiniteNumber
    verdict: FlowLayerVerdict
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        layer = self.layer

        pre_activation = self.pre_activation.to_dict()

        activation = self.activation.to_dict()

        saturated_fraction = self.saturated_fraction

        dead_fraction = self.dead_fraction

        weight_norm: float | str
        if isinstance(self.weight_norm, str):
            weight_norm = self.weight_norm
        else:
            weight_norm = self.weight_norm

        weight_grad_norm: float | str
        if isinstance(self.weight_grad_norm, str):
            weight_grad_norm = self.weight_grad_norm
        else:
            weight_grad_norm = self.weight_grad_norm

        bias_grad_norm: float | str
        if isinstance(self.bias_grad_norm, str):
            bias_grad_norm = self.bias_grad_norm
        else:
            bias_grad_norm = self.bias_grad_norm

        pre_activation_grad_norm: float | str
        if isinstance(self.pre_activation_grad_norm, str):
            pre_activation_grad_norm = self.pre_activation_grad_norm
        else:
            pre_activation_grad_norm = self.pre_activation_grad_norm

        weight_grad_ratio: float | None | str
        if isinstance(self.weight_grad_ratio, str):
            weight_grad_ratio = self.weight_grad_ratio
        else:
            weight_grad_ratio = self.weight_grad_ratio

        pre_activation_grad_ratio: float | None | str
        if isinstance(self.pre_activation_grad_ratio, str):
            pre_activation_grad_ratio = self.pre_activation_grad_ratio
        else:
            pre_activation_grad_ratio = self.pre_activation_grad_ratio

        verdict: str = self.verdict

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "layer": layer,
                "pre_activation": pre_activation,
                "activation": activation,
                "saturated_fraction": saturated_fraction,
                "dead_fraction": dead_fraction,
                "weight_norm": weight_norm,
                "weight_grad_norm": weight_grad_norm,
                "bias_grad_norm": bias_grad_norm,
                "pre_activation_grad_norm": pre_activation_grad_norm,
                "weight_grad_ratio": weight_grad_ratio,
                "pre_activation_grad_ratio": pre_activation_grad_ratio,
                "verdict": verdict,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mean_std import MeanStd  # noqa: PLC0415

        d = dict(src_dict)
        layer = d.pop("layer")

        pre_activation = MeanStd.from_dict(d.pop("pre_activation"))

        activation = MeanStd.from_dict(d.pop("activation"))

        saturated_fraction = d.pop("saturated_fraction")

        dead_fraction = d.pop("dead_fraction")

        def _parse_weight_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        weight_norm = _parse_weight_norm(d.pop("weight_norm"))

        def _parse_weight_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        weight_grad_norm = _parse_weight_grad_norm(d.pop("weight_grad_norm"))

        def _parse_bias_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        bias_grad_norm = _parse_bias_grad_norm(d.pop("bias_grad_norm"))

        def _parse_pre_activation_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        pre_activation_grad_norm = _parse_pre_activation_grad_norm(d.pop("pre_activation_grad_norm"))

        def _parse_weight_grad_ratio(data: object) -> float | None | NonFiniteNumber:
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

        weight_grad_ratio = _parse_weight_grad_ratio(d.pop("weight_grad_ratio"))

        def _parse_pre_activation_grad_ratio(data: object) -> float | None | NonFiniteNumber:
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

        pre_activation_grad_ratio = _parse_pre_activation_grad_ratio(d.pop("pre_activation_grad_ratio"))

        verdict = check_flow_layer_verdict(d.pop("verdict"))

        flow_layer = cls(
            layer=layer,
            pre_activation=pre_activation,
            activation=activation,
            saturated_fraction=saturated_fraction,
            dead_fraction=dead_fraction,
            weight_norm=weight_norm,
            weight_grad_norm=weight_grad_norm,
            bias_grad_norm=bias_grad_norm,
            pre_activation_grad_norm=pre_activation_grad_norm,
            weight_grad_ratio=weight_grad_ratio,
            pre_activation_grad_ratio=pre_activation_grad_ratio,
            verdict=verdict,
        )

        flow_layer.additional_properties = d
        return flow_layer

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
