from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.network_loss_convention import NetworkLossConvention, check_network_loss_convention
from ..models.network_loss_reduction import NetworkLossReduction, check_network_loss_reduction
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.network_loss_params import NetworkLossParams


T = TypeVar("T", bound="NetworkLoss")


@_attrs_define
class NetworkLoss:
    """A catalog loss on the network's output, with the options of POST /v1/losses/{name}.

    Attributes:
        name (str): Loss name or alias (GET /v1/losses); unknown: 404.
        y_true (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber): A tensor
            in any wire form: a number (0-d), a rectangular nested list, a flat object {"shape", "dtype", "data"} or a
            binary object {"shape", "dtype", "b64"}. Non-finite values are the strings "NaN", "Infinity", "-Infinity".
        params (NetworkLossParams | Unset): Loss parameters, e.g. {"from_logits": true, "class_weight": [1, 2]}.
        reduction (NetworkLossReduction | Unset): mean = Σ wᵢLᵢ / N, sum, or none (loss per sample; gradients of their
            sum), Keras semantics as POST /v1/losses/{name}. Default: 'mean'.
        sample_weight (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None |
            NonFiniteNumber | Unset): One weight per sample.
        convention (NetworkLossConvention | Unset): keras renormalises categorical probability rows first. Default:
            'torch'.
        output_activation (None | str | Unset): Optional: adds a warning for pairings the catalog does not recommend.
    """

    name: str
    y_true: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    params: NetworkLossParams | Unset = UNSET
    reduction: NetworkLossReduction | Unset = "mean"
    sample_weight: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    convention: NetworkLossConvention | Unset = "torch"
    output_activation: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        name = self.name

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "y_true": y_true,
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.network_loss_params import NetworkLossParams  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

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

        _params = d.pop("params", UNSET)
        params: NetworkLossParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = NetworkLossParams.from_dict(_params)

        _reduction = d.pop("reduction", UNSET)
        reduction: NetworkLossReduction | Unset
        if isinstance(_reduction, Unset):
            reduction = UNSET
        else:
            reduction = check_network_loss_reduction(_reduction)

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
        convention: NetworkLossConvention | Unset
        if isinstance(_convention, Unset):
            convention = UNSET
        else:
            convention = check_network_loss_convention(_convention)

        def _parse_output_activation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_activation = _parse_output_activation(d.pop("output_activation", UNSET))

        network_loss = cls(
            name=name,
            y_true=y_true,
            params=params,
            reduction=reduction,
            sample_weight=sample_weight,
            convention=convention,
            output_activation=output_activation,
        )

        return network_loss
