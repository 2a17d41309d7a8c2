from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.network_optimizer_clip_type_0 import NetworkOptimizerClipType0
    from ..models.network_optimizer_hyperparams import NetworkOptimizerHyperparams
    from ..models.network_optimizer_regularization_type_0 import NetworkOptimizerRegularizationType0
    from ..models.network_optimizer_schedule_type_0 import NetworkOptimizerScheduleType0
    from ..models.optimizer_state import OptimizerState


T = TypeVar("T", bound="NetworkOptimizer")


@_attrs_define
class NetworkOptimizer:
    """One step of a catalog optimizer on {layer_name: {weight, bias}}.

    Attributes:
        name (str): Optimizer name or alias (GET /v1/optimizers); unknown: 404.
        hyperparams (NetworkOptimizerHyperparams | Unset): Hyperparameters, e.g. {"lr": 0.01}.
        state (None | OptimizerState | Unset): The state the previous call returned (null: a fresh optimizer).
        clip (NetworkOptimizerClipType0 | None | Unset): {"value": c} | {"norm": c} | {"global_norm": c}, as the step
            endpoint.
        regularization (NetworkOptimizerRegularizationType0 | None | Unset): {"l1": a, "l2": b}, as the step endpoint.
        schedule (NetworkOptimizerScheduleType0 | None | Unset): A learning-rate schedule, as the step endpoint.
    """

    name: str
    hyperparams: NetworkOptimizerHyperparams | Unset = UNSET
    state: None | OptimizerState | Unset = UNSET
    clip: NetworkOptimizerClipType0 | None | Unset = UNSET
    regularization: NetworkOptimizerRegularizationType0 | None | Unset = UNSET
    schedule: NetworkOptimizerScheduleType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.network_optimizer_clip_type_0 import NetworkOptimizerClipType0  # noqa: PLC0415
        from ..models.network_optimizer_regularization_type_0 import NetworkOptimizerRegularizationType0  # noqa: PLC0415
        from ..models.network_optimizer_schedule_type_0 import NetworkOptimizerScheduleType0  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415

        name = self.name

        hyperparams: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hyperparams, Unset):
            hyperparams = self.hyperparams.to_dict()

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, OptimizerState):
            state = self.state.to_dict()
        else:
            state = self.state

        clip: dict[str, Any] | None | Unset
        if isinstance(self.clip, Unset):
            clip = UNSET
        elif isinstance(self.clip, NetworkOptimizerClipType0):
            clip = self.clip.to_dict()
        else:
            clip = self.clip

        regularization: dict[str, Any] | None | Unset
        if isinstance(self.regularization, Unset):
            regularization = UNSET
        elif isinstance(self.regularization, NetworkOptimizerRegularizationType0):
            regularization = self.regularization.to_dict()
        else:
            regularization = self.regularization

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, NetworkOptimizerScheduleType0):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if hyperparams is not UNSET:
            field_dict["hyperparams"] = hyperparams
        if state is not UNSET:
            field_dict["state"] = state
        if clip is not UNSET:
            field_dict["clip"] = clip
        if regularization is not UNSET:
            field_dict["regularization"] = regularization
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.network_optimizer_clip_type_0 import NetworkOptimizerClipType0  # noqa: PLC0415
        from ..models.network_optimizer_hyperparams import NetworkOptimizerHyperparams  # noqa: PLC0415
        from ..models.network_optimizer_regularization_type_0 import NetworkOptimizerRegularizationType0  # noqa: PLC0415
        from ..models.network_optimizer_schedule_type_0 import NetworkOptimizerScheduleType0  # noqa: PLC0415
        from ..models.optimizer_state import OptimizerState  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _hyperparams = d.pop("hyperparams", UNSET)
        hyperparams: NetworkOptimizerHyperparams | Unset
        if isinstance(_hyperparams, Unset):
            hyperparams = UNSET
        else:
            hyperparams = NetworkOptimizerHyperparams.from_dict(_hyperparams)

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

        def _parse_clip(data: object) -> NetworkOptimizerClipType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clip_type_0 = NetworkOptimizerClipType0.from_dict(data)

                return clip_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkOptimizerClipType0 | None | Unset, data)

        clip = _parse_clip(d.pop("clip", UNSET))

        def _parse_regularization(data: object) -> NetworkOptimizerRegularizationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                regularization_type_0 = NetworkOptimizerRegularizationType0.from_dict(data)

                return regularization_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkOptimizerRegularizationType0 | None | Unset, data)

        regularization = _parse_regularization(d.pop("regularization", UNSET))

        def _parse_schedule(data: object) -> NetworkOptimizerScheduleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = NetworkOptimizerScheduleType0.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkOptimizerScheduleType0 | None | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        network_optimizer = cls(
            name=name,
            hyperparams=hyperparams,
            state=state,
            clip=clip,
            regularization=regularization,
            schedule=schedule,
        )

        return network_optimizer
