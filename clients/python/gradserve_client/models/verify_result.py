from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.optimizer_state import OptimizerState
    from ..models.tensor_mapping import TensorMapping


T = TypeVar("T", bound="VerifyResult")


@_attrs_define
class VerifyResult:
    """
    Attributes:
        params (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        state (None | OptimizerState | Unset): Optionally the state it produced, as an OptimizerState: {"optimizer":
            name, "step": t, "slots": {slot: tensors}}, slots named as in GET /v1/optimizers/{name}.
    """

    params: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    state: None | OptimizerState | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
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

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, OptimizerState):
            state = self.state.to_dict()
        else:
            state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "params": params,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
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

        verify_result = cls(
            params=params,
            state=state,
        )

        return verify_result
