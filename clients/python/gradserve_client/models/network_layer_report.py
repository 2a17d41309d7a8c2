from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_layer_report_type import NetworkLayerReportType, check_network_layer_report_type
from ..models.network_layer_report_verdict import NetworkLayerReportVerdict, check_network_layer_report_verdict
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.network_layer_report_grads import NetworkLayerReportGrads
    from ..models.network_layer_report_statistics import NetworkLayerReportStatistics


T = TypeVar("T", bound="NetworkLayerReport")


@_attrs_define
class NetworkLayerReport:
    """
    Attributes:
        name (str): The layer's name.
        type_ (NetworkLayerReportType):
        output_shape (list[int]): Shape of the layer's output.
        grads (NetworkLayerReportGrads): Gradients of the layer's parameters: weight and bias (dense, layer_norm,
            batch_norm), alpha (prelu); empty for the others.
        input_grad_norm (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        statistics (NetworkLayerReportStatistics): Per gradient (each of `grads`, and `input` = dL/d the layer's input):
            the statistics and verdict of POST /v1/inspect/stats.
        verdict (NetworkLayerReportVerdict): The most severe verdict of the layer's statistics.
        activation (None | str | Unset): Activation layers: the canonical activation name.
        output (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): The output (with return_activations).
        input_grad (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
            | Unset): dL/d the layer's input (with return_input_grads).
        weight_grad_ratio (float | None | NonFiniteNumber | Unset): Dense layers: ‖dW‖ / ‖dW of the last dense layer‖.
    """

    name: str
    type_: NetworkLayerReportType
    output_shape: list[int]
    grads: NetworkLayerReportGrads
    input_grad_norm: float | NonFiniteNumber
    statistics: NetworkLayerReportStatistics
    verdict: NetworkLayerReportVerdict
    activation: None | str | Unset = UNSET
    output: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    input_grad: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    weight_grad_ratio: float | None | NonFiniteNumber | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        name = self.name

        type_: str = self.type_

        output_shape = self.output_shape

        grads = self.grads.to_dict()

        input_grad_norm: float | str
        if isinstance(self.input_grad_norm, str):
            input_grad_norm = self.input_grad_norm
        else:
            input_grad_norm = self.input_grad_norm

        statistics = self.statistics.to_dict()

        verdict: str = self.verdict

        activation: None | str | Unset
        if isinstance(self.activation, Unset):
            activation = UNSET
        else:
            activation = self.activation

        output: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, str):
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

        input_grad: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.input_grad, Unset):
            input_grad = UNSET
        elif isinstance(self.input_grad, str):
            input_grad = self.input_grad
        elif isinstance(self.input_grad, list):
            input_grad = []
            for componentsschemas_nested_tensor_item_data in self.input_grad:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                input_grad.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.input_grad, FlatTensor):
            input_grad = self.input_grad.to_dict()
        elif isinstance(self.input_grad, B64Tensor):
            input_grad = self.input_grad.to_dict()
        else:
            input_grad = self.input_grad

        weight_grad_ratio: float | None | str | Unset
        if isinstance(self.weight_grad_ratio, Unset):
            weight_grad_ratio = UNSET
        elif isinstance(self.weight_grad_ratio, str):
            weight_grad_ratio = self.weight_grad_ratio
        else:
            weight_grad_ratio = self.weight_grad_ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "output_shape": output_shape,
                "grads": grads,
                "input_grad_norm": input_grad_norm,
                "statistics": statistics,
                "verdict": verdict,
            }
        )
        if activation is not UNSET:
            field_dict["activation"] = activation
        if output is not UNSET:
            field_dict["output"] = output
        if input_grad is not UNSET:
            field_dict["input_grad"] = input_grad
        if weight_grad_ratio is not UNSET:
            field_dict["weight_grad_ratio"] = weight_grad_ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.network_layer_report_grads import NetworkLayerReportGrads  # noqa: PLC0415
        from ..models.network_layer_report_statistics import NetworkLayerReportStatistics  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        type_ = check_network_layer_report_type(d.pop("type"))

        output_shape = cast(list[int], d.pop("output_shape"))

        grads = NetworkLayerReportGrads.from_dict(d.pop("grads"))

        def _parse_input_grad_norm(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        input_grad_norm = _parse_input_grad_norm(d.pop("input_grad_norm"))

        statistics = NetworkLayerReportStatistics.from_dict(d.pop("statistics"))

        verdict = check_network_layer_report_verdict(d.pop("verdict"))

        def _parse_activation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        activation = _parse_activation(d.pop("activation", UNSET))

        def _parse_output(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        output = _parse_output(d.pop("output", UNSET))

        def _parse_input_grad(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        input_grad = _parse_input_grad(d.pop("input_grad", UNSET))

        def _parse_weight_grad_ratio(data: object) -> float | None | NonFiniteNumber | Unset:
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

        weight_grad_ratio = _parse_weight_grad_ratio(d.pop("weight_grad_ratio", UNSET))

        network_layer_report = cls(
            name=name,
            type_=type_,
            output_shape=output_shape,
            grads=grads,
            input_grad_norm=input_grad_norm,
            statistics=statistics,
            verdict=verdict,
            activation=activation,
            output=output,
            input_grad=input_grad,
            weight_grad_ratio=weight_grad_ratio,
        )

        network_layer_report.additional_properties = d
        return network_layer_report

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
