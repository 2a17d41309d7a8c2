from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.network_request_dtype_type_0 import NetworkRequestDtypeType0, check_network_request_dtype_type_0
from ..models.network_request_encoding_type_0 import NetworkRequestEncodingType0, check_network_request_encoding_type_0
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_layer import ActivationLayer
    from ..models.b64_tensor import B64Tensor
    from ..models.batch_norm_layer import BatchNormLayer
    from ..models.dense_layer import DenseLayer
    from ..models.dropout_layer import DropoutLayer
    from ..models.flat_tensor import FlatTensor
    from ..models.layer_norm_layer import LayerNormLayer
    from ..models.network_loss import NetworkLoss
    from ..models.network_optimizer import NetworkOptimizer
    from ..models.network_thresholds import NetworkThresholds
    from ..models.stats_thresholds import StatsThresholds


T = TypeVar("T", bound="NetworkRequest")


@_attrs_define
class NetworkRequest:
    """
    Attributes:
        x (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor in
            any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a binary
            object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        layers (list[ActivationLayer | BatchNormLayer | DenseLayer | DropoutLayer | LayerNormLayer]): The layers,
            applied in order.
        loss (NetworkLoss): A catalog loss on the network's output, with the options of POST /v1/losses/{name}.
        optimizer (NetworkOptimizer | None | Unset): Optionally one optimizer step with the computed gradients: the
            updated weights (`params`) and `state` come back.
        return_activations (bool | Unset): Return every layer's `output`. Default: False.
        return_input_grads (bool | Unset): Return every layer's `input_grad` (dL/d its input; layer 0: dL/dx). Default:
            False.
        thresholds (NetworkThresholds | Unset):
        stats_thresholds (StatsThresholds | Unset):
        dtype (NetworkRequestDtypeType0 | None | Unset): Compute precision. Default float64; float32 computes as the
            frameworks do by default and returns float32 tensors.
        encoding (NetworkRequestEncodingType0 | None | Unset): Form of the response tensors: nested, flat or b64.
            Default: the form of the request's main input (a number in gives numbers out).
    """

    x: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    layers: list[ActivationLayer | BatchNormLayer | DenseLayer | DropoutLayer | LayerNormLayer]
    loss: NetworkLoss
    optimizer: NetworkOptimizer | None | Unset = UNSET
    return_activations: bool | Unset = False
    return_input_grads: bool | Unset = False
    thresholds: NetworkThresholds | Unset = UNSET
    stats_thresholds: StatsThresholds | Unset = UNSET
    dtype: NetworkRequestDtypeType0 | None | Unset = UNSET
    encoding: NetworkRequestEncodingType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.activation_layer import ActivationLayer  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.batch_norm_layer import BatchNormLayer  # noqa: PLC0415
        from ..models.dense_layer import DenseLayer  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.layer_norm_layer import LayerNormLayer  # noqa: PLC0415
        from ..models.network_optimizer import NetworkOptimizer  # noqa: PLC0415

        x: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.x, str):
            x = self.x
        elif isinstance(self.x, list):
            x = []
            for componentsschemas_nested_tensor_item_data in self.x:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                x.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.x, FlatTensor):
            x = self.x.to_dict()
        elif isinstance(self.x, B64Tensor):
            x = self.x.to_dict()
        else:
            x = self.x

        layers = []
        for layers_item_data in self.layers:
            layers_item: dict[str, Any]
            if isinstance(layers_item_data, DenseLayer):
                layers_item = layers_item_data.to_dict()
            elif isinstance(layers_item_data, ActivationLayer):
                layers_item = layers_item_data.to_dict()
            elif isinstance(layers_item_data, LayerNormLayer):
                layers_item = layers_item_data.to_dict()
            elif isinstance(layers_item_data, BatchNormLayer):
                layers_item = layers_item_data.to_dict()
            else:
                layers_item = layers_item_data.to_dict()

            layers.append(layers_item)

        loss = self.loss.to_dict()

        optimizer: dict[str, Any] | None | Unset
        if isinstance(self.optimizer, Unset):
            optimizer = UNSET
        elif isinstance(self.optimizer, NetworkOptimizer):
            optimizer = self.optimizer.to_dict()
        else:
            optimizer = self.optimizer

        return_activations = self.return_activations

        return_input_grads = self.return_input_grads

        thresholds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds.to_dict()

        stats_thresholds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats_thresholds, Unset):
            stats_thresholds = self.stats_thresholds.to_dict()

        dtype: None | str | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        elif isinstance(self.dtype, str):
            dtype = self.dtype
        else:
            dtype = self.dtype

        encoding: None | str | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        elif isinstance(self.encoding, str):
            encoding = self.encoding
        else:
            encoding = self.encoding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "x": x,
                "layers": layers,
                "loss": loss,
            }
        )
        if optimizer is not UNSET:
            field_dict["optimizer"] = optimizer
        if return_activations is not UNSET:
            field_dict["return_activations"] = return_activations
        if return_input_grads is not UNSET:
            field_dict["return_input_grads"] = return_input_grads
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds
        if stats_thresholds is not UNSET:
            field_dict["stats_thresholds"] = stats_thresholds
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_layer import ActivationLayer  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.batch_norm_layer import BatchNormLayer  # noqa: PLC0415
        from ..models.dense_layer import DenseLayer  # noqa: PLC0415
        from ..models.dropout_layer import DropoutLayer  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.layer_norm_layer import LayerNormLayer  # noqa: PLC0415
        from ..models.network_loss import NetworkLoss  # noqa: PLC0415
        from ..models.network_optimizer import NetworkOptimizer  # noqa: PLC0415
        from ..models.network_thresholds import NetworkThresholds  # noqa: PLC0415
        from ..models.stats_thresholds import StatsThresholds  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_x(
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

        x = _parse_x(d.pop("x"))

        layers = []
        _layers = d.pop("layers")
        for layers_item_data in _layers:

            def _parse_layers_item(
                data: object,
            ) -> ActivationLayer | BatchNormLayer | DenseLayer | DropoutLayer | LayerNormLayer:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    layers_item_type_0 = DenseLayer.from_dict(data)

                    return layers_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    layers_item_type_1 = ActivationLayer.from_dict(data)

                    return layers_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    layers_item_type_2 = LayerNormLayer.from_dict(data)

                    return layers_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    layers_item_type_3 = BatchNormLayer.from_dict(data)

                    return layers_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                layers_item_type_4 = DropoutLayer.from_dict(data)

                return layers_item_type_4

            layers_item = _parse_layers_item(layers_item_data)

            layers.append(layers_item)

        loss = NetworkLoss.from_dict(d.pop("loss"))

        def _parse_optimizer(data: object) -> NetworkOptimizer | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                optimizer_type_0 = NetworkOptimizer.from_dict(data)

                return optimizer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkOptimizer | None | Unset, data)

        optimizer = _parse_optimizer(d.pop("optimizer", UNSET))

        return_activations = d.pop("return_activations", UNSET)

        return_input_grads = d.pop("return_input_grads", UNSET)

        _thresholds = d.pop("thresholds", UNSET)
        thresholds: NetworkThresholds | Unset
        if isinstance(_thresholds, Unset):
            thresholds = UNSET
        else:
            thresholds = NetworkThresholds.from_dict(_thresholds)

        _stats_thresholds = d.pop("stats_thresholds", UNSET)
        stats_thresholds: StatsThresholds | Unset
        if isinstance(_stats_thresholds, Unset):
            stats_thresholds = UNSET
        else:
            stats_thresholds = StatsThresholds.from_dict(_stats_thresholds)

        def _parse_dtype(data: object) -> NetworkRequestDtypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_network_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkRequestDtypeType0 | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        def _parse_encoding(data: object) -> NetworkRequestEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = check_network_request_encoding_type_0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkRequestEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        network_request = cls(
            x=x,
            layers=layers,
            loss=loss,
            optimizer=optimizer,
            return_activations=return_activations,
            return_input_grads=return_input_grads,
            thresholds=thresholds,
            stats_thresholds=stats_thresholds,
            dtype=dtype,
            encoding=encoding,
        )

        return network_request
