from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_response_verdict import NetworkResponseVerdict, check_network_response_verdict
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.network_layer_report import NetworkLayerReport
    from ..models.network_response_params_type_0 import NetworkResponseParamsType0
    from ..models.network_response_thresholds import NetworkResponseThresholds
    from ..models.optimizer_state import OptimizerState
    from ..models.step_stats import StepStats


T = TypeVar("T", bound="NetworkResponse")


@_attrs_define
class NetworkResponse:
    """
    Attributes:
        loss (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): The loss: a
            number, or per sample for reduction none.
        output (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor
            in any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a
            binary object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        per_sample (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A
            tensor in any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or
            a binary object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        warnings (list[str]): The loss's warnings (as POST /v1/losses/{name}).
        layers (list[NetworkLayerReport]): One report per layer, in order.
        verdict (NetworkResponseVerdict): As gradient-flow: the first problem walking from the output: nonfinite
            gradients, or a dense layer whose weight-gradient ratio is below thresholds.vanishing (vanishing) or above
            thresholds.exploding (exploding); ok otherwise.
        first_bad_layer (None | str): Name of that layer (null when ok).
        first_bad_layer_index (int | None): Its index in `layers` (from 0).
        work (int): Multiply-adds of the forward pass (the limit's measure).
        thresholds (NetworkResponseThresholds): The thresholds in force.
        params (NetworkResponseParamsType0 | None | Unset): With an optimizer: the updated weights, {layer: {weight,
            bias}}.
        state (None | OptimizerState | Unset): With an optimizer: send it back with the next call.
        optimizer_stats (None | StepStats | Unset): With an optimizer: the step's statistics.
    """

    loss: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    output: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    per_sample: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    warnings: list[str]
    layers: list[NetworkLayerReport]
    verdict: NetworkResponseVerdict
    first_bad_layer: None | str
    first_bad_layer_index: int | None
    work: int
    thresholds: NetworkResponseThresholds
    params: NetworkResponseParamsType0 | None | Unset = UNSET
    state: None | OptimizerState | Unset = UNSET
    optimizer_stats: None | StepStats | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.network_response_params_type_0 import NetworkResponseParamsType0  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.step_stats import StepStats  # noqa: PLC0415

        loss: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.loss, str):
            loss = self.loss
        elif isinstance(self.loss, list):
            loss = []
            for componentsschemas_nested_tensor_item_data in self.loss:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                loss.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.loss, FlatTensor):
            loss = self.loss.to_dict()
        elif isinstance(self.loss, B64Tensor):
            loss = self.loss.to_dict()
        else:
            loss = self.loss

        output: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.output, str):
            output = self.output
        elif isinstance(self.output, list):
            output = []
            for componentsschemas_nested_tensor_item_data in self.output:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                output.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.output, FlatTensor):
            output = self.output.to_dict()
        elif isinstance(self.output, B64Tensor):
            output = self.output.to_dict()
        else:
            output = self.output

        per_sample: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.per_sample, str):
            per_sample = self.per_sample
        elif isinstance(self.per_sample, list):
            per_sample = []
            for componentsschemas_nested_tensor_item_data in self.per_sample:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                per_sample.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.per_sample, FlatTensor):
            per_sample = self.per_sample.to_dict()
        elif isinstance(self.per_sample, B64Tensor):
            per_sample = self.per_sample.to_dict()
        else:
            per_sample = self.per_sample

        warnings = self.warnings

        layers = []
        for layers_item_data in self.layers:
            layers_item = layers_item_data.to_dict()
            layers.append(layers_item)

        verdict: str = self.verdict

        first_bad_layer: None | str
        first_bad_layer = self.first_bad_layer

        first_bad_layer_index: int | None
        first_bad_layer_index = self.first_bad_layer_index

        work = self.work

        thresholds = self.thresholds.to_dict()

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, NetworkResponseParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, OptimizerState):
            state = self.state.to_dict()
        else:
            state = self.state

        optimizer_stats: dict[str, Any] | None | Unset
        if isinstance(self.optimizer_stats, Unset):
            optimizer_stats = UNSET
        elif isinstance(self.optimizer_stats, StepStats):
            optimizer_stats = self.optimizer_stats.to_dict()
        else:
            optimizer_stats = self.optimizer_stats

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loss": loss,
                "output": output,
                "per_sample": per_sample,
                "warnings": warnings,
                "layers": layers,
                "verdict": verdict,
                "first_bad_layer": first_bad_layer,
                "first_bad_layer_index": first_bad_layer_index,
                "work": work,
                "thresholds": thresholds,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if state is not UNSET:
            field_dict["state"] = state
        if optimizer_stats is not UNSET:
            field_dict["optimizer_stats"] = optimizer_stats

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.network_layer_report import NetworkLayerReport  # noqa: PLC0415
        from ..models.network_response_params_type_0 import NetworkResponseParamsType0  # noqa: PLC0415
        from ..models.network_response_thresholds import NetworkResponseThresholds  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.step_stats import StepStats  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_loss(
            data: object,
        ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_tensor_type_2 = []
                _componentsschemas_tensor_type_2 = data
                for componentsschemas_nested_tensor_item_data in _componentsschemas_tensor_type_2:

                    def _parse_componentsschemas_nested_tensor_item(
                        data: object,
                    ) -> float | list[Any] | NonFiniteNumber:
                        try:
                            if not isinstance(data, str):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_1 = check_non_finite_number(data)

                            return componentsschemas_nested_tensor_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_2 = cast(list[Any], data)

                            return componentsschemas_nested_tensor_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(float | list[Any] | NonFiniteNumber, data)

                    componentsschemas_nested_tensor_item = _parse_componentsschemas_nested_tensor_item(
                        componentsschemas_nested_tensor_item_data
                    )

                    componentsschemas_tensor_type_2.append(componentsschemas_nested_tensor_item)

                return componentsschemas_tensor_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_3 = FlatTensor.from_dict(data)

                return componentsschemas_tensor_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_4 = B64Tensor.from_dict(data)

                return componentsschemas_tensor_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber, data
            )

        loss = _parse_loss(d.pop("loss"))

        def _parse_output(
            data: object,
        ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tensor_type_1 = check_non_finite_number(data)

                return componentsschemas_tensor_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_tensor_type_2 = []
                _componentsschemas_tensor_type_2 = data
                for componentsschemas_nested_tensor_item_data in _componentsschemas_tensor_type_2:

                    def _parse_componentsschemas_nested_tensor_item(
                        data: object,
                    ) -> float | list[Any] | NonFiniteNumber:
                        try:
                            if not isinstance(data, str):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_1 = check_non_finite_number(data)

                            return componentsschemas_nested_tensor_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_2 = cast(list[Any], data)

                            return componentsschemas_nested_tensor_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(float | list[Any] | NonFiniteNumber, data)

                    componentsschemas_nested_tensor_item = _parse_componentsschemas_nested_tensor_item(
                        componentsschemas_nested_tensor_item_data
                    )

                    componentsschemas_tensor_type_2.append(componentsschemas_nested_tensor_item)

                return componentsschemas_tensor_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_3 = FlatTensor.from_dict(data)

                return componentsschemas_tensor_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_4 = B64Tensor.from_dict(data)

                return componentsschemas_tensor_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber, data
            )

        output = _parse_output(d.pop("output"))

        def _parse_per_sample(
            data: object,
        ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tensor_type_1 = check_non_finite_number(data)

                return componentsschemas_tensor_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_tensor_type_2 = []
                _componentsschemas_tensor_type_2 = data
                for componentsschemas_nested_tensor_item_data in _componentsschemas_tensor_type_2:

                    def _parse_componentsschemas_nested_tensor_item(
                        data: object,
                    ) -> float | list[Any] | NonFiniteNumber:
                        try:
                            if not isinstance(data, str):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_1 = check_non_finite_number(data)

                            return componentsschemas_nested_tensor_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            componentsschemas_nested_tensor_item_type_2 = cast(list[Any], data)

                            return componentsschemas_nested_tensor_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(float | list[Any] | NonFiniteNumber, data)

                    componentsschemas_nested_tensor_item = _parse_componentsschemas_nested_tensor_item(
                        componentsschemas_nested_tensor_item_data
                    )

                    componentsschemas_tensor_type_2.append(componentsschemas_nested_tensor_item)

                return componentsschemas_tensor_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_3 = FlatTensor.from_dict(data)

                return componentsschemas_tensor_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_type_4 = B64Tensor.from_dict(data)

                return componentsschemas_tensor_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber, data
            )

        per_sample = _parse_per_sample(d.pop("per_sample"))

        warnings = cast(list[str], d.pop("warnings"))

        layers = []
        _layers = d.pop("layers")
        for layers_item_data in _layers:
            layers_item = NetworkLayerReport.from_dict(layers_item_data)

            layers.append(layers_item)

        verdict = check_network_response_verdict(d.pop("verdict"))

        def _parse_first_bad_layer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_bad_layer = _parse_first_bad_layer(d.pop("first_bad_layer"))

        def _parse_first_bad_layer_index(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_bad_layer_index = _parse_first_bad_layer_index(d.pop("first_bad_layer_index"))

        work = d.pop("work")

        thresholds = NetworkResponseThresholds.from_dict(d.pop("thresholds"))

        def _parse_params(data: object) -> NetworkResponseParamsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = NetworkResponseParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkResponseParamsType0 | None | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        def _parse_state(data: object) -> None | OptimizerState | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                state_type_0 = OptimizerState.from_dict(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OptimizerState | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_optimizer_stats(data: object) -> None | StepStats | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                optimizer_stats_type_0 = StepStats.from_dict(data)

                return optimizer_stats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepStats | Unset, data)

        optimizer_stats = _parse_optimizer_stats(d.pop("optimizer_stats", UNSET))

        network_response = cls(
            loss=loss,
            output=output,
            per_sample=per_sample,
            warnings=warnings,
            layers=layers,
            verdict=verdict,
            first_bad_layer=first_bad_layer,
            first_bad_layer_index=first_bad_layer_index,
            work=work,
            thresholds=thresholds,
            params=params,
            state=state,
            optimizer_stats=optimizer_stats,
        )

        network_response.additional_properties = d
        return network_response

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
