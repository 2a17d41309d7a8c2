from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.optimizer_state import OptimizerState
    from ..models.step_stats import StepStats
    from ..models.tensor_mapping import TensorMapping


T = TypeVar("T", bound="StepResponse")


@_attrs_define
class StepResponse:
    """
    Attributes:
        params (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        state (OptimizerState): An optimizer's state between steps: send it back unchanged with the next step.
        stats (StepStats):
    """

    params: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    state: OptimizerState
    stats: StepStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.tensor_mapping import TensorMapping  # noqa: PLC0415

        params: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.params, str):
            params = self.params
        elif isinstance(self.params, list):
            params = []
            for componentsschemas_nested_tensor_item_data in self.params:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                params.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.params, FlatTensor):
            params = self.params.to_dict()
        elif isinstance(self.params, B64Tensor):
            params = self.params.to_dict()
        elif isinstance(self.params, TensorMapping):
            params = self.params.to_dict()
        else:
            params = self.params

        state = self.state.to_dict()

        stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "params": params,
                "state": state,
                "stats": stats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.step_stats import StepStats  # noqa: PLC0415
        from ..models.tensor_mapping import TensorMapping  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_params(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
        ):
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tensor_tree_type_1 = check_non_finite_number(data)

                return componentsschemas_tensor_tree_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_tensor_tree_type_2 = []
                _componentsschemas_tensor_tree_type_2 = data
                for componentsschemas_nested_tensor_item_data in _componentsschemas_tensor_tree_type_2:

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

                    componentsschemas_tensor_tree_type_2.append(componentsschemas_nested_tensor_item)

                return componentsschemas_tensor_tree_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_tree_type_3 = FlatTensor.from_dict(data)

                return componentsschemas_tensor_tree_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_tree_type_4 = B64Tensor.from_dict(data)

                return componentsschemas_tensor_tree_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tensor_tree_type_5 = TensorMapping.from_dict(data)

                return componentsschemas_tensor_tree_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | NonFiniteNumber
                | TensorMapping,
                data,
            )

        params = _parse_params(d.pop("params"))

        state = OptimizerState.from_dict(d.pop("state"))

        stats = StepStats.from_dict(d.pop("stats"))

        step_response = cls(
            params=params,
            state=state,
            stats=stats,
        )

        step_response.additional_properties = d
        return step_response

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
