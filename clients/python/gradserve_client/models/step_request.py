from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..models.step_request_convention import StepRequestConvention, check_step_request_convention
from ..models.step_request_dtype_type_0 import StepRequestDtypeType0, check_step_request_dtype_type_0
from ..models.step_request_encoding_type_0 import StepRequestEncodingType0, check_step_request_encoding_type_0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.optimizer_state import OptimizerState
    from ..models.step_request_clip_type_0 import StepRequestClipType0
    from ..models.step_request_hyperparams import StepRequestHyperparams
    from ..models.step_request_regularization_type_0 import StepRequestRegularizationType0
    from ..models.step_request_schedule_type_0 import StepRequestScheduleType0
    from ..models.tensor_mapping import TensorMapping


T = TypeVar("T", bound="StepRequest")


@_attrs_define
class StepRequest:
    """
    Attributes:
        params (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        grads (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber |
            TensorMapping): One tensor, or a (nested) mapping of named tensors.
        state (None | OptimizerState | Unset): The state returned by the previous step, sent back unchanged (the server
            keeps none); null or absent starts a fresh optimizer. A state that does not fit (another optimizer, other names
            or shapes, a negative step) is a 422.
        hyperparams (StepRequestHyperparams | Unset): Hyperparameters by torch name (lr, betas, eps, weight_decay, ...)
            or Keras/optax alias (learning_rate, beta_1/b1, beta_2/b2, epsilon, rho for RMSprop); defaults and ranges in GET
            /v1/optimizers/{name}.
        clip (None | StepRequestClipType0 | Unset): Gradient clipping, one of {"value": c} (clip_grad_value_), {"norm":
            c} (clip_grad_norm_ per tensor) or {"global_norm": c} (clip_grad_norm_ over all tensors: scale c/(norm + 1e-6)
            when below 1).
        regularization (None | StepRequestRegularizationType0 | Unset): {"l1": a, "l2": b}: the gradient of a·Σ|w| +
            b·Σw² (a·sign(w) + 2b·w) is added to the gradient before clipping and the update.
        schedule (None | StepRequestScheduleType0 | Unset): Learning rate as a function of the step: {"name": "constant"
            | "step" (step_size, gamma) | "exponential" (gamma) | "cosine" (t_max, eta_min) | "warmup_cosine" (warmup_steps,
            decay_steps, init_lr, end_lr)}; lr is the base/peak.
        convention (StepRequestConvention | Unset): Formula convention. torch (default): torch.optim's formulas, names
            and defaults. keras: Keras 3's optimizer of that name (sgd, adam, adamw, adamax, nadam, adagrad, adadelta,
            rmsprop, lion, lamb, adafactor) with Keras's formulas (ε placement, Nadam's schedule, lr inside SGD's momentum),
            hyperparameters in Keras spelling and defaults (learning_rate, beta_1, beta_2, epsilon, rho, momentum, nesterov,
            centered, amsgrad, initial_accumulator_value, weight_decay; lr and eps accepted), Keras's state slot names,
            weight decay always decoupled and applied before the update, and Keras's clipping (clipnorm, global_clipnorm,
            clipvalue); optimizers Keras lacks (radam, rprop, asgd) are a 422. GET /v1/optimizers/{name} → conventions.keras
            lists what changes. Default: 'torch'.
        dtype (None | StepRequestDtypeType0 | Unset): Compute precision. Default float64; float32 computes as the
            frameworks do by default and returns float32 tensors.
        encoding (None | StepRequestEncodingType0 | Unset): Form of the response tensors: nested, flat or b64. Default:
            the form of the request's main input (a number in gives numbers out).
    """

    params: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    grads: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber | TensorMapping
    state: None | OptimizerState | Unset = UNSET
    hyperparams: StepRequestHyperparams | Unset = UNSET
    clip: None | StepRequestClipType0 | Unset = UNSET
    regularization: None | StepRequestRegularizationType0 | Unset = UNSET
    schedule: None | StepRequestScheduleType0 | Unset = UNSET
    convention: StepRequestConvention | Unset = "torch"
    dtype: None | StepRequestDtypeType0 | Unset = UNSET
    encoding: None | StepRequestEncodingType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.step_request_clip_type_0 import StepRequestClipType0  # noqa: PLC0415
        from ..models.step_request_regularization_type_0 import StepRequestRegularizationType0  # noqa: PLC0415
        from ..models.step_request_schedule_type_0 import StepRequestScheduleType0  # noqa: PLC0415
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

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, OptimizerState):
            state = self.state.to_dict()
        else:
            state = self.state

        hyperparams: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hyperparams, Unset):
            hyperparams = self.hyperparams.to_dict()

        clip: dict[str, Any] | None | Unset
        if isinstance(self.clip, Unset):
            clip = UNSET
        elif isinstance(self.clip, StepRequestClipType0):
            clip = self.clip.to_dict()
        else:
            clip = self.clip

        regularization: dict[str, Any] | None | Unset
        if isinstance(self.regularization, Unset):
            regularization = UNSET
        elif isinstance(self.regularization, StepRequestRegularizationType0):
            regularization = self.regularization.to_dict()
        else:
            regularization = self.regularization

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, StepRequestScheduleType0):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        convention: str | Unset = UNSET
        if not isinstance(self.convention, Unset):
            convention = self.convention

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
                "params": params,
                "grads": grads,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state
        if hyperparams is not UNSET:
            field_dict["hyperparams"] = hyperparams
        if clip is not UNSET:
            field_dict["clip"] = clip
        if regularization is not UNSET:
            field_dict["regularization"] = regularization
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if convention is not UNSET:
            field_dict["convention"] = convention
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415
        from ..models.step_request_clip_type_0 import StepRequestClipType0  # noqa: PLC0415
        from ..models.step_request_hyperparams import StepRequestHyperparams  # noqa: PLC0415
        from ..models.step_request_regularization_type_0 import StepRequestRegularizationType0  # noqa: PLC0415
        from ..models.step_request_schedule_type_0 import StepRequestScheduleType0  # noqa: PLC0415
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

        _hyperparams = d.pop("hyperparams", UNSET)
        hyperparams: StepRequestHyperparams | Unset
        if isinstance(_hyperparams, Unset):
            hyperparams = UNSET
        else:
            hyperparams = StepRequestHyperparams.from_dict(_hyperparams)

        def _parse_clip(data: object) -> None | StepRequestClipType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clip_type_0 = StepRequestClipType0.from_dict(data)

                return clip_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepRequestClipType0 | Unset, data)

        clip = _parse_clip(d.pop("clip", UNSET))

        def _parse_regularization(data: object) -> None | StepRequestRegularizationType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                regularization_type_0 = StepRequestRegularizationType0.from_dict(data)

                return regularization_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepRequestRegularizationType0 | Unset, data)

        regularization = _parse_regularization(d.pop("regularization", UNSET))

        def _parse_schedule(data: object) -> None | StepRequestScheduleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = StepRequestScheduleType0.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepRequestScheduleType0 | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        _convention = d.pop("convention", UNSET)
        convention: StepRequestConvention | Unset
        if isinstance(_convention, Unset):
            convention = UNSET
        else:
            convention = check_step_request_convention(_convention)

        def _parse_dtype(data: object) -> None | StepRequestDtypeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_step_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepRequestDtypeType0 | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        def _parse_encoding(data: object) -> None | StepRequestEncodingType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = check_step_request_encoding_type_0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepRequestEncodingType0 | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        step_request = cls(
            params=params,
            grads=grads,
            state=state,
            hyperparams=hyperparams,
            clip=clip,
            regularization=regularization,
            schedule=schedule,
            convention=convention,
            dtype=dtype,
            encoding=encoding,
        )

        return step_request
