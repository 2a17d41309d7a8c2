from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flow_response_verdict import FlowResponseVerdict, check_flow_response_verdict
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

if TYPE_CHECKING:
    from ..models.flow_layer import FlowLayer
    from ..models.flow_response_activation import FlowResponseActivation
    from ..models.flow_response_config import FlowResponseConfig
    from ..models.flow_response_init import FlowResponseInit
    from ..models.flow_response_thresholds import FlowResponseThresholds


T = TypeVar("T", bound="FlowResponse")


@_attrs_define
class FlowResponse:
    """
    Attributes:
        verdict (FlowResponseVerdict):
        first_bad_layer (int | None): The vanishing/exploding/nonfinite layer nearest the output (null if ok).
        loss (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        layers (list[FlowLayer]):
        activation (FlowResponseActivation):
        init (FlowResponseInit):
        thresholds (FlowResponseThresholds):
        config (FlowResponseConfig):
    """

    verdict: FlowResponseVerdict
    first_bad_layer: int | None
    loss: float | NonFiniteNumber
    layers: list[FlowLayer]
    activation: FlowResponseActivation
    init: FlowResponseInit
    thresholds: FlowResponseThresholds
    config: FlowResponseConfig
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verdict: str = self.verdict

        first_bad_layer: int | None
        first_bad_layer = self.first_bad_layer

        loss: float | str
        if isinstance(self.loss, str):
            loss = self.loss
        else:
            loss = self.loss

        layers = []
        for layers_item_data in self.layers:
            layers_item = layers_item_data.to_dict()
            layers.append(layers_item)

        activation = self.activation.to_dict()

        init = self.init.to_dict()

        thresholds = self.thresholds.to_dict()

        config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verdict": verdict,
                "first_bad_layer": first_bad_layer,
                "loss": loss,
                "layers": layers,
                "activation": activation,
                "init": init,
                "thresholds": thresholds,
                "config": config,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_layer import FlowLayer  # noqa: PLC0415
        from ..models.flow_response_activation import FlowResponseActivation  # noqa: PLC0415
        from ..models.flow_response_config import FlowResponseConfig  # noqa: PLC0415
        from ..models.flow_response_init import FlowResponseInit  # noqa: PLC0415
        from ..models.flow_response_thresholds import FlowResponseThresholds  # noqa: PLC0415

        d = dict(src_dict)
        verdict = check_flow_response_verdict(d.pop("verdict"))

        def _parse_first_bad_layer(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_bad_layer = _parse_first_bad_layer(d.pop("first_bad_layer"))

        def _parse_loss(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        loss = _parse_loss(d.pop("loss"))

        layers = []
        _layers = d.pop("layers")
        for layers_item_data in _layers:
            layers_item = FlowLayer.from_dict(layers_item_data)

            layers.append(layers_item)

        activation = FlowResponseActivation.from_dict(d.pop("activation"))

        init = FlowResponseInit.from_dict(d.pop("init"))

        thresholds = FlowResponseThresholds.from_dict(d.pop("thresholds"))

        config = FlowResponseConfig.from_dict(d.pop("config"))

        flow_response = cls(
            verdict=verdict,
            first_bad_layer=first_bad_layer,
            loss=loss,
            layers=layers,
            activation=activation,
            init=init,
            thresholds=thresholds,
            config=config,
        )

        flow_response.additional_properties = d
        return flow_response

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
