from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_response_param_grads_type_0 import ActivationResponseParamGradsType0
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor


T = TypeVar("T", bound="ActivationResponse")


@_attrs_define
class ActivationResponse:
    """
    Attributes:
        value (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): f(x).
        derivative (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
            | Unset): Elementwise f'(x).
        jacobian (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): Jacobian along `axis`, shape y.shape + [n]: entry (..., i, ..., j) is dy[..., i, ...]/dx[..., j, ...].
        vjp (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): grad_output^T J: dL/dx.
        param_grads (ActivationResponseParamGradsType0 | None | Unset): Gradients with respect to learnable parameters
            (PReLU's alpha).
        second_derivative (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None |
            NonFiniteNumber | Unset): Elementwise f''(x) = torch's double backward (0 at the kinks of piecewise-linear
            functions); elementwise functions only.
    """

    value: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    derivative: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    jacobian: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    vjp: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    param_grads: ActivationResponseParamGradsType0 | None | Unset = UNSET
    second_derivative: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.activation_response_param_grads_type_0 import ActivationResponseParamGradsType0  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        value: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, str):
            value = self.value
        elif isinstance(self.value, list):
            value = []
            for componentsschemas_nested_tensor_item_data in self.value:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                value.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.value, FlatTensor):
            value = self.value.to_dict()
        elif isinstance(self.value, B64Tensor):
            value = self.value.to_dict()
        else:
            value = self.value

        derivative: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.derivative, Unset):
            derivative = UNSET
        elif isinstance(self.derivative, str):
            derivative = self.derivative
        elif isinstance(self.derivative, list):
            derivative = []
            for componentsschemas_nested_tensor_item_data in self.derivative:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                derivative.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.derivative, FlatTensor):
            derivative = self.derivative.to_dict()
        elif isinstance(self.derivative, B64Tensor):
            derivative = self.derivative.to_dict()
        else:
            derivative = self.derivative

        jacobian: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.jacobian, Unset):
            jacobian = UNSET
        elif isinstance(self.jacobian, str):
            jacobian = self.jacobian
        elif isinstance(self.jacobian, list):
            jacobian = []
            for componentsschemas_nested_tensor_item_data in self.jacobian:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                jacobian.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.jacobian, FlatTensor):
            jacobian = self.jacobian.to_dict()
        elif isinstance(self.jacobian, B64Tensor):
            jacobian = self.jacobian.to_dict()
        else:
            jacobian = self.jacobian

        vjp: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.vjp, Unset):
            vjp = UNSET
        elif isinstance(self.vjp, str):
            vjp = self.vjp
        elif isinstance(self.vjp, list):
            vjp = []
            for componentsschemas_nested_tensor_item_data in self.vjp:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                vjp.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.vjp, FlatTensor):
            vjp = self.vjp.to_dict()
        elif isinstance(self.vjp, B64Tensor):
            vjp = self.vjp.to_dict()
        else:
            vjp = self.vjp

        param_grads: dict[str, Any] | None | Unset
        if isinstance(self.param_grads, Unset):
            param_grads = UNSET
        elif isinstance(self.param_grads, ActivationResponseParamGradsType0):
            param_grads = self.param_grads.to_dict()
        else:
            param_grads = self.param_grads

        second_derivative: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.second_derivative, Unset):
            second_derivative = UNSET
        elif isinstance(self.second_derivative, str):
            second_derivative = self.second_derivative
        elif isinstance(self.second_derivative, list):
            second_derivative = []
            for componentsschemas_nested_tensor_item_data in self.second_derivative:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                second_derivative.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.second_derivative, FlatTensor):
            second_derivative = self.second_derivative.to_dict()
        elif isinstance(self.second_derivative, B64Tensor):
            second_derivative = self.second_derivative.to_dict()
        else:
            second_derivative = self.second_derivative

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if derivative is not UNSET:
            field_dict["derivative"] = derivative
        if jacobian is not UNSET:
            field_dict["jacobian"] = jacobian
        if vjp is not UNSET:
            field_dict["vjp"] = vjp
        if param_grads is not UNSET:
            field_dict["param_grads"] = param_grads
        if second_derivative is not UNSET:
            field_dict["second_derivative"] = second_derivative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_response_param_grads_type_0 import ActivationResponseParamGradsType0  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_value(
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

        value = _parse_value(d.pop("value", UNSET))

        def _parse_derivative(
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

        derivative = _parse_derivative(d.pop("derivative", UNSET))

        def _parse_jacobian(
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

        jacobian = _parse_jacobian(d.pop("jacobian", UNSET))

        def _parse_vjp(
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

        vjp = _parse_vjp(d.pop("vjp", UNSET))

        def _parse_param_grads(data: object) -> ActivationResponseParamGradsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                param_grads_type_0 = ActivationResponseParamGradsType0.from_dict(data)

                return param_grads_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivationResponseParamGradsType0 | None | Unset, data)

        param_grads = _parse_param_grads(d.pop("param_grads", UNSET))

        def _parse_second_derivative(
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

        second_derivative = _parse_second_derivative(d.pop("second_derivative", UNSET))

        activation_response = cls(
            value=value,
            derivative=derivative,
            jacobian=jacobian,
            vjp=vjp,
            param_grads=param_grads,
            second_derivative=second_derivative,
        )

        activation_response.additional_properties = d
        return activation_response

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
