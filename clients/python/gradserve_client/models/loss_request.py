from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.loss_request_convention import LossRequestConvention, check_loss_request_convention
from ..models.loss_request_dtype_type_0 import LossRequestDtypeType0, check_loss_request_dtype_type_0
from ..models.loss_request_encoding_type_0 import LossRequestEncodingType0, check_loss_request_encoding_type_0
from ..models.loss_request_outputs_type_0_item import (
    LossRequestOutputsType0Item,
    check_loss_request_outputs_type_0_item,
)
from ..models.loss_request_reduction import LossRequestReduction, check_loss_request_reduction
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.loss_request_params import LossRequestParams


T = TypeVar("T", bound="LossRequest")


@_attrs_define
class LossRequest:
    """
    Attributes:
        y_true (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor
            in any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a
            binary object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        y_pred (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor
            in any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a
            binary object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        params (LossRequestParams | Unset): Loss parameters by name or PyTorch/Keras alias (see the catalog), e.g.
            {"from_logits": true, "label_smoothing": 0.1}. class_weight and pos_weight are lists with one number per class.
        reduction (LossRequestReduction | Unset): Keras semantics over the per-sample losses L_i: mean = sum(w_i L_i) /
            N (sparse losses: N = non-ignored samples, or the sum of their class weights), sum, or none (loss = w_i L_i per
            sample, grad = gradient of their sum). Default: 'mean'.
        sample_weight (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None |
            NonFiniteNumber | Unset): One non-negative weight per sample: shape y_pred.shape[:-1] or broadcastable to it (a
            trailing axis of 1 is accepted).
        convention (LossRequestConvention | Unset): torch (default): probability rows are clipped to [epsilon, 1 -
            epsilon] and used as given. keras: categorical probability rows are first divided by their sum, as Keras does.
            Reductions follow Keras either way. Default: 'torch'.
        output_activation (None | str | Unset): Optional: the activation that produced y_pred (e.g. sigmoid, softmax,
            linear). A pairing the catalog does not recommend adds a warning.
        outputs (list[LossRequestOutputsType0Item] | None | Unset): What to return besides loss, grad, per_sample and
            warnings (always returned): `hessian` (d²loss/dy_pred², shape y_pred.shape × 2, at most
            GRADSERVE_MAX_HESSIAN_ELEMENTS y_pred elements, default 4096) and `hvp` (the Hessian-vector product H v for `v`;
            returned whenever `v` is sent).
        v (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset):
            The vector of the Hessian-vector product `hvp`, same shape as y_pred (any size).
        dtype (LossRequestDtypeType0 | None | Unset): Compute precision. Default float64; float32 computes as the
            frameworks do by default and returns float32 tensors.
        encoding (LossRequestEncodingType0 | None | Unset): Form of the response tensors: nested, flat or b64. Default:
            the form of the request's main input (a number in gives numbers out).
    """

    y_true: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    y_pred: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    params: LossRequestParams | Unset = UNSET
    reduction: LossRequestReduction | Unset = "mean"
    sample_weight: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    convention: LossRequestConvention | Unset = "torch"
    output_activation: None | str | Unset = UNSET
    outputs: list[LossRequestOutputsType0Item] | None | Unset = UNSET
    v: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    dtype: LossRequestDtypeType0 | None | Unset = UNSET
    encoding: LossRequestEncodingType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        y_true: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.y_true, str):
            y_true = self.y_true
        elif isinstance(self.y_true, list):
            y_true = []
            for componentsschemas_nested_tensor_item_data in self.y_true:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                y_true.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.y_true, FlatTensor):
            y_true = self.y_true.to_dict()
        elif isinstance(self.y_true, B64Tensor):
            y_true = self.y_true.to_dict()
        else:
            y_true = self.y_true

        y_pred: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.y_pred, str):
            y_pred = self.y_pred
        elif isinstance(self.y_pred, list):
            y_pred = []
            for componentsschemas_nested_tensor_item_data in self.y_pred:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                y_pred.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.y_pred, FlatTensor):
            y_pred = self.y_pred.to_dict()
        elif isinstance(self.y_pred, B64Tensor):
            y_pred = self.y_pred.to_dict()
        else:
            y_pred = self.y_pred

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        reduction: str | Unset = UNSET
        if not isinstance(self.reduction, Unset):
            reduction = self.reduction

        sample_weight: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.sample_weight, Unset):
            sample_weight = UNSET
        elif isinstance(self.sample_weight, str):
            sample_weight = self.sample_weight
        elif isinstance(self.sample_weight, list):
            sample_weight = []
            for componentsschemas_nested_tensor_item_data in self.sample_weight:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                sample_weight.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.sample_weight, FlatTensor):
            sample_weight = self.sample_weight.to_dict()
        elif isinstance(self.sample_weight, B64Tensor):
            sample_weight = self.sample_weight.to_dict()
        else:
            sample_weight = self.sample_weight

        convention: str | Unset = UNSET
        if not isinstance(self.convention, Unset):
            convention = self.convention

        output_activation: None | str | Unset
        if isinstance(self.output_activation, Unset):
            output_activation = UNSET
        else:
            output_activation = self.output_activation

        outputs: list[str] | None | Unset
        if isinstance(self.outputs, Unset):
            outputs = UNSET
        elif isinstance(self.outputs, list):
            outputs = []
            for outputs_type_0_item_data in self.outputs:
                outputs_type_0_item: str = outputs_type_0_item_data
                outputs.append(outputs_type_0_item)

        else:
            outputs = self.outputs

        v: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.v, Unset):
            v = UNSET
        elif isinstance(self.v, str):
            v = self.v
        elif isinstance(self.v, list):
            v = []
            for componentsschemas_nested_tensor_item_data in self.v:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                v.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.v, FlatTensor):
            v = self.v.to_dict()
        elif isinstance(self.v, B64Tensor):
            v = self.v.to_dict()
        else:
            v = self.v

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
                "y_true": y_true,
                "y_pred": y_pred,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if reduction is not UNSET:
            field_dict["reduction"] = reduction
        if sample_weight is not UNSET:
            field_dict["sample_weight"] = sample_weight
        if convention is not UNSET:
            field_dict["convention"] = convention
        if output_activation is not UNSET:
            field_dict["output_activation"] = output_activation
        if outputs is not UNSET:
            field_dict["outputs"] = outputs
        if v is not UNSET:
            field_dict["v"] = v
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.loss_request_params import LossRequestParams  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_y_true(
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

        y_true = _parse_y_true(d.pop("y_true"))

        def _parse_y_pred(
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

        y_pred = _parse_y_pred(d.pop("y_pred"))

        _params = d.pop("params", UNSET)
        params: LossRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = LossRequestParams.from_dict(_params)

        _reduction = d.pop("reduction", UNSET)
        reduction: LossRequestReduction | Unset
        if isinstance(_reduction, Unset):
            reduction = UNSET
        else:
            reduction = check_loss_request_reduction(_reduction)

        def _parse_sample_weight(
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

        sample_weight = _parse_sample_weight(d.pop("sample_weight", UNSET))

        _convention = d.pop("convention", UNSET)
        convention: LossRequestConvention | Unset
        if isinstance(_convention, Unset):
            convention = UNSET
        else:
            convention = check_loss_request_convention(_convention)

        def _parse_output_activation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_activation = _parse_output_activation(d.pop("output_activation", UNSET))

        def _parse_outputs(data: object) -> list[LossRequestOutputsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                outputs_type_0 = []
                _outputs_type_0 = data
                for outputs_type_0_item_data in _outputs_type_0:
                    outputs_type_0_item = check_loss_request_outputs_type_0_item(outputs_type_0_item_data)

                    outputs_type_0.append(outputs_type_0_item)

                return outputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LossRequestOutputsType0Item] | None | Unset, data)

        outputs = _parse_outputs(d.pop("outputs", UNSET))

        def _parse_v(
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

        v = _parse_v(d.pop("v", UNSET))

        def _parse_dtype(data: object) -> LossRequestDtypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_loss_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LossRequestDtypeType0 | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        def _parse_encoding(data: object) -> LossRequestEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = check_loss_request_encoding_type_0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LossRequestEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        loss_request = cls(
            y_true=y_true,
            y_pred=y_pred,
            params=params,
            reduction=reduction,
            sample_weight=sample_weight,
            convention=convention,
            output_activation=output_activation,
            outputs=outputs,
            v=v,
            dtype=dtype,
            encoding=encoding,
        )

        return loss_request
