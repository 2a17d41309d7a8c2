from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.verify_network_request_dtype_type_0 import (
    VerifyNetworkRequestDtypeType0,
    check_verify_network_request_dtype_type_0,
)
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
    from ..models.network_target import NetworkTarget
    from ..models.verify_network_request_grads import VerifyNetworkRequestGrads
    from ..models.verify_tolerance import VerifyTolerance


T = TypeVar("T", bound="VerifyNetworkRequest")


@_attrs_define
class VerifyNetworkRequest:
    """Your gradients of a sequential network (layers, input and loss as POST
    /v1/networks/gradients takes them), per layer name and field.

        Attributes:
            x (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor in
                any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a binary
                object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
            layers (list[ActivationLayer | BatchNormLayer | DenseLayer | DropoutLayer | LayerNormLayer]): The layers,
                applied in order.
            loss (NetworkLoss): A catalog loss on the network's output, with the options of POST /v1/losses/{name}.
            target (NetworkTarget): A network of the client's own (layers, input and loss in the request).
            grads (VerifyNetworkRequestGrads): Your gradients per layer name and field, {"0": {"weight": …, "bias": …}}
                (fields: weight and bias of dense, layer_norm and batch_norm, alpha of prelu).
            dtype (None | Unset | VerifyNetworkRequestDtypeType0): The dtype of the client's numbers (ULPs are counted in
                it). Default: the widest float dtype the client's flat/b64 outputs declare (numbers and nested lists declare
                none), float64 when none does.
            tolerance (VerifyTolerance | Unset):
            loss_value (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
                | Unset): Optionally your loss value.
    """

    x: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    layers: list[ActivationLayer | BatchNormLayer | DenseLayer | DropoutLayer | LayerNormLayer]
    loss: NetworkLoss
    target: NetworkTarget
    grads: VerifyNetworkRequestGrads
    dtype: None | Unset | VerifyNetworkRequestDtypeType0 = UNSET
    tolerance: VerifyTolerance | Unset = UNSET
    loss_value: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.activation_layer import ActivationLayer  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.batch_norm_layer import BatchNormLayer  # noqa: PLC0415
        from ..models.dense_layer import DenseLayer  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.layer_norm_layer import LayerNormLayer  # noqa: PLC0415

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

        target = self.target.to_dict()

        grads = self.grads.to_dict()

        dtype: None | str | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        elif isinstance(self.dtype, str):
            dtype = self.dtype
        else:
            dtype = self.dtype

        tolerance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tolerance, Unset):
            tolerance = self.tolerance.to_dict()

        loss_value: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.loss_value, Unset):
            loss_value = UNSET
        elif isinstance(self.loss_value, str):
            loss_value = self.loss_value
        elif isinstance(self.loss_value, list):
            loss_value = []
            for componentsschemas_nested_tensor_item_data in self.loss_value:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                loss_value.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.loss_value, FlatTensor):
            loss_value = self.loss_value.to_dict()
        elif isinstance(self.loss_value, B64Tensor):
            loss_value = self.loss_value.to_dict()
        else:
            loss_value = self.loss_value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "x": x,
                "layers": layers,
                "loss": loss,
                "target": target,
                "grads": grads,
            }
        )
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if tolerance is not UNSET:
            field_dict["tolerance"] = tolerance
        if loss_value is not UNSET:
            field_dict["loss_value"] = loss_value

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
        from ..models.network_target import NetworkTarget  # noqa: PLC0415
        from ..models.verify_network_request_grads import VerifyNetworkRequestGrads  # noqa: PLC0415
        from ..models.verify_tolerance import VerifyTolerance  # noqa: PLC0415

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

        target = NetworkTarget.from_dict(d.pop("target"))

        grads = VerifyNetworkRequestGrads.from_dict(d.pop("grads"))

        def _parse_dtype(data: object) -> None | Unset | VerifyNetworkRequestDtypeType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_verify_network_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyNetworkRequestDtypeType0, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        _tolerance = d.pop("tolerance", UNSET)
        tolerance: VerifyTolerance | Unset
        if isinstance(_tolerance, Unset):
            tolerance = UNSET
        else:
            tolerance = VerifyTolerance.from_dict(_tolerance)

        def _parse_loss_value(
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

        loss_value = _parse_loss_value(d.pop("loss_value", UNSET))

        verify_network_request = cls(
            x=x,
            layers=layers,
            loss=loss,
            target=target,
            grads=grads,
            dtype=dtype,
            tolerance=tolerance,
            loss_value=loss_value,
        )

        return verify_network_request
