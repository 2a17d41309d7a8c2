from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.activation_request_dtype_type_0 import ActivationRequestDtypeType0, check_activation_request_dtype_type_0
from ..models.activation_request_encoding_type_0 import (
    ActivationRequestEncodingType0,
    check_activation_request_encoding_type_0,
)
from ..models.activation_request_outputs_type_0_item import (
    ActivationRequestOutputsType0Item,
    check_activation_request_outputs_type_0_item,
)
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_request_params import ActivationRequestParams
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor


T = TypeVar("T", bound="ActivationRequest")


@_attrs_define
class ActivationRequest:
    """
    Attributes:
        x (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor in
            any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a binary
            object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        params (ActivationRequestParams | Unset): Function parameters by name or alias (see the catalog), e.g. {"alpha":
            0.1}. PReLU's alpha may be a tensor (one value per channel).
        axis (int | Unset): Axis of vector functions (softmax, glu, maxout, ...). Default: -1.
        grad_output (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
            | Unset): Upstream gradient dL/dy for `vjp` and `param_grads` (default: ones), shape of the output.
        outputs (list[ActivationRequestOutputsType0Item] | None | Unset): What to return. Default: value + derivative
            for elementwise functions, value + jacobian for vector functions. `second_derivative` (elementwise functions
            only) is f''(x), torch's double backward.
        dtype (ActivationRequestDtypeType0 | None | Unset): Compute precision. Default float64; float32 computes as the
            frameworks do by default and returns float32 tensors.
        encoding (ActivationRequestEncodingType0 | None | Unset): Form of the response tensors: nested, flat or b64.
            Default: the form of the request's main input (a number in gives numbers out).
    """

    x: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    params: ActivationRequestParams | Unset = UNSET
    axis: int | Unset = -1
    grad_output: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    outputs: list[ActivationRequestOutputsType0Item] | None | Unset = UNSET
    dtype: ActivationRequestDtypeType0 | None | Unset = UNSET
    encoding: ActivationRequestEncodingType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

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

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        axis = self.axis

        grad_output: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.grad_output, Unset):
            grad_output = UNSET
        elif isinstance(self.grad_output, str):
            grad_output = self.grad_output
        elif isinstance(self.grad_output, list):
            grad_output = []
            for componentsschemas_nested_tensor_item_data in self.grad_output:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                grad_output.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.grad_output, FlatTensor):
            grad_output = self.grad_output.to_dict()
        elif isinstance(self.grad_output, B64Tensor):
            grad_output = self.grad_output.to_dict()
        else:
            grad_output = self.grad_output

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
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if axis is not UNSET:
            field_dict["axis"] = axis
        if grad_output is not UNSET:
            field_dict["grad_output"] = grad_output
        if outputs is not UNSET:
            field_dict["outputs"] = outputs
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_request_params import ActivationRequestParams  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

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

        _params = d.pop("params", UNSET)
        params: ActivationRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ActivationRequestParams.from_dict(_params)

        axis = d.pop("axis", UNSET)

        def _parse_grad_output(
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

        grad_output = _parse_grad_output(d.pop("grad_output", UNSET))

        def _parse_outputs(data: object) -> list[ActivationRequestOutputsType0Item] | None | Unset:
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
                    outputs_type_0_item = check_activation_request_outputs_type_0_item(outputs_type_0_item_data)

                    outputs_type_0.append(outputs_type_0_item)

                return outputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ActivationRequestOutputsType0Item] | None | Unset, data)

        outputs = _parse_outputs(d.pop("outputs", UNSET))

        def _parse_dtype(data: object) -> ActivationRequestDtypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_activation_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivationRequestDtypeType0 | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        def _parse_encoding(data: object) -> ActivationRequestEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = check_activation_request_encoding_type_0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivationRequestEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        activation_request = cls(
            x=x,
            params=params,
            axis=axis,
            grad_output=grad_output,
            outputs=outputs,
            dtype=dtype,
            encoding=encoding,
        )

        return activation_request
