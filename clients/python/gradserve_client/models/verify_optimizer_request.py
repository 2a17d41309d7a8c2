from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.verify_optimizer_request_dtype_type_0 import (
    VerifyOptimizerRequestDtypeType0,
    check_verify_optimizer_request_dtype_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.optimizer_state import OptimizerState
    from ..models.optimizer_target import OptimizerTarget
    from ..models.tensor_mapping import TensorMapping
    from ..models.verify_optimizer_request_clip_type_0 import VerifyOptimizerRequestClipType0
    from ..models.verify_optimizer_request_hyperparams_type_0 import VerifyOptimizerRequestHyperparamsType0
    from ..models.verify_optimizer_request_regularization_type_0 import VerifyOptimizerRequestRegularizationType0
    from ..models.verify_result import VerifyResult
    from ..models.verify_tolerance import VerifyTolerance


T = TypeVar("T", bound="VerifyOptimizerRequest")


@_attrs_define
class VerifyOptimizerRequest:
    """Your optimizer's step: the inputs and what your step produced.

    Attributes:
        target (OptimizerTarget): One step of a registered optimizer.
        params (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        grads (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        result (VerifyResult):
        dtype (None | Unset | VerifyOptimizerRequestDtypeType0): The dtype of the client's numbers (ULPs are counted in
            it). Default: the widest float dtype the client's flat/b64 outputs declare (numbers and nested lists declare
            none), float64 when none does.
        tolerance (VerifyTolerance | Unset):
        state (None | OptimizerState | Unset): The state before the step (null: a fresh optimizer).
        hyperparams (None | Unset | VerifyOptimizerRequestHyperparamsType0): Hyperparameters (torch names or Keras/optax
            aliases), or in target.params (not both).
        clip (None | Unset | VerifyOptimizerRequestClipType0): Gradient clipping, as POST /v1/optimizers/{name}/step.
        regularization (None | Unset | VerifyOptimizerRequestRegularizationType0): l1/l2 regularization, as the step
            endpoint.
    """

    target: OptimizerTarget
    params: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    grads: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    result: VerifyResult
    dtype: None | Unset | VerifyOptimizerRequestDtypeType0 = UNSET
    tolerance: VerifyTolerance | Unset = UNSET
    state: None | OptimizerState | Unset = UNSET
    hyperparams: None | Unset | VerifyOptimizerRequestHyperparamsType0 = UNSET
    clip: None | Unset | VerifyOptimizerRequestClipType0 = UNSET
    regularization: None | Unset | VerifyOptimizerRequestRegularizationType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.tensor_mapping import TensorMapping  # noqa: PLC0415
        from ..models.verify_optimizer_request_clip_type_0 import VerifyOptimizerRequestClipType0  # noqa: PLC0415
        from ..models.verify_optimizer_request_hyperparams_type_0 import VerifyOptimizerRequestHyperparamsType0  # noqa: PLC0415
        from ..models.verify_optimizer_request_regularization_type_0 import VerifyOptimizerRequestRegularizationType0  # noqa: PLC0415

        target = self.target.to_dict()

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

        grads: dict[str, Any] | float | list[float | list[Any] | str] | str
        if isinstance(self.grads, str):
            grads = self.grads
        elif isinstance(self.grads, list):
            grads = []
            for componentsschemas_nested_tensor_item_data in self.grads:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                grads.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.grads, FlatTensor):
            grads = self.grads.to_dict()
        elif isinstance(self.grads, B64Tensor):
            grads = self.grads.to_dict()
        elif isinstance(self.grads, TensorMapping):
            grads = self.grads.to_dict()
        else:
            grads = self.grads

        result = self.result.to_dict()

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

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, OptimizerState):
            state = self.state.to_dict()
        else:
            state = self.state

        hyperparams: dict[str, Any] | None | Unset
        if isinstance(self.hyperparams, Unset):
            hyperparams = UNSET
        elif isinstance(self.hyperparams, VerifyOptimizerRequestHyperparamsType0):
            hyperparams = self.hyperparams.to_dict()
        else:
            hyperparams = self.hyperparams

        clip: dict[str, Any] | None | Unset
        if isinstance(self.clip, Unset):
            clip = UNSET
        elif isinstance(self.clip, VerifyOptimizerRequestClipType0):
            clip = self.clip.to_dict()
        else:
            clip = self.clip

        regularization: dict[str, Any] | None | Unset
        if isinstance(self.regularization, Unset):
            regularization = UNSET
        elif isinstance(self.regularization, VerifyOptimizerRequestRegularizationType0):
            regularization = self.regularization.to_dict()
        else:
            regularization = self.regularization

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "params": params,
                "grads": grads,
                "result": result,
            }
        )
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if tolerance is not UNSET:
            field_dict["tolerance"] = tolerance
        if state is not UNSET:
            field_dict["state"] = state
        if hyperparams is not UNSET:
            field_dict["hyperparams"] = hyperparams
        if clip is not UNSET:
            field_dict["clip"] = clip
        if regularization is not UNSET:
            field_dict["regularization"] = regularization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.optimizer_target import OptimizerTarget  # noqa: PLC0415
        from ..models.tensor_mapping import TensorMapping  # noqa: PLC0415
        from ..models.verify_optimizer_request_clip_type_0 import VerifyOptimizerRequestClipType0  # noqa: PLC0415
        from ..models.verify_optimizer_request_hyperparams_type_0 import VerifyOptimizerRequestHyperparamsType0  # noqa: PLC0415
        from ..models.verify_optimizer_request_regularization_type_0 import VerifyOptimizerRequestRegularizationType0  # noqa: PLC0415
        from ..models.verify_result import VerifyResult  # noqa: PLC0415
        from ..models.verify_tolerance import VerifyTolerance  # noqa: PLC0415

        d = dict(src_dict)
        target = OptimizerTarget.from_dict(d.pop("target"))

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

        def _parse_grads(
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

        grads = _parse_grads(d.pop("grads"))

        result = VerifyResult.from_dict(d.pop("result"))

        def _parse_dtype(data: object) -> None | Unset | VerifyOptimizerRequestDtypeType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_verify_optimizer_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyOptimizerRequestDtypeType0, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        _tolerance = d.pop("tolerance", UNSET)
        tolerance: VerifyTolerance | Unset
        if isinstance(_tolerance, Unset):
            tolerance = UNSET
        else:
            tolerance = VerifyTolerance.from_dict(_tolerance)

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

        def _parse_hyperparams(data: object) -> None | Unset | VerifyOptimizerRequestHyperparamsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hyperparams_type_0 = VerifyOptimizerRequestHyperparamsType0.from_dict(data)

                return hyperparams_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyOptimizerRequestHyperparamsType0, data)

        hyperparams = _parse_hyperparams(d.pop("hyperparams", UNSET))

        def _parse_clip(data: object) -> None | Unset | VerifyOptimizerRequestClipType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clip_type_0 = VerifyOptimizerRequestClipType0.from_dict(data)

                return clip_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyOptimizerRequestClipType0, data)

        clip = _parse_clip(d.pop("clip", UNSET))

        def _parse_regularization(data: object) -> None | Unset | VerifyOptimizerRequestRegularizationType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                regularization_type_0 = VerifyOptimizerRequestRegularizationType0.from_dict(data)

                return regularization_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyOptimizerRequestRegularizationType0, data)

        regularization = _parse_regularization(d.pop("regularization", UNSET))

        verify_optimizer_request = cls(
            target=target,
            params=params,
            grads=grads,
            result=result,
            dtype=dtype,
            tolerance=tolerance,
            state=state,
            hyperparams=hyperparams,
            clip=clip,
            regularization=regularization,
        )

        return verify_optimizer_request
