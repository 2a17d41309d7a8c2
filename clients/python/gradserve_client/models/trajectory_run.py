from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trajectory_run_clip_type_0 import TrajectoryRunClipType0
    from ..models.trajectory_run_hyperparams import TrajectoryRunHyperparams
    from ..models.trajectory_run_schedule_type_0 import TrajectoryRunScheduleType0


T = TypeVar("T", bound="TrajectoryRun")


@_attrs_define
class TrajectoryRun:
    """
    Attributes:
        name (str): Optimizer name or alias.
        hyperparams (TrajectoryRunHyperparams | Unset): Hyperparameters as for the step endpoint.
        label (None | str | Unset): Legend label (default: the name).
        clip (None | TrajectoryRunClipType0 | Unset): Clipping as for the step endpoint.
        schedule (None | TrajectoryRunScheduleType0 | Unset): Learning-rate schedule as for the step endpoint.
    """

    name: str
    hyperparams: TrajectoryRunHyperparams | Unset = UNSET
    label: None | str | Unset = UNSET
    clip: None | TrajectoryRunClipType0 | Unset = UNSET
    schedule: None | TrajectoryRunScheduleType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.trajectory_run_clip_type_0 import TrajectoryRunClipType0  # noqa: PLC0415
        from ..models.trajectory_run_schedule_type_0 import TrajectoryRunScheduleType0  # noqa: PLC0415

        name = self.name

        hyperparams: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hyperparams, Unset):
            hyperparams = self.hyperparams.to_dict()

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        clip: dict[str, Any] | None | Unset
        if isinstance(self.clip, Unset):
            clip = UNSET
        elif isinstance(self.clip, TrajectoryRunClipType0):
            clip = self.clip.to_dict()
        else:
            clip = self.clip

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, TrajectoryRunScheduleType0):
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
        if label is not UNSET:
            field_dict["label"] = label
        if clip is not UNSET:
            field_dict["clip"] = clip
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trajectory_run_clip_type_0 import TrajectoryRunClipType0  # noqa: PLC0415
        from ..models.trajectory_run_hyperparams import TrajectoryRunHyperparams  # noqa: PLC0415
        from ..models.trajectory_run_schedule_type_0 import TrajectoryRunScheduleType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _hyperparams = d.pop("hyperparams", UNSET)
        hyperparams: TrajectoryRunHyperparams | Unset
        if isinstance(_hyperparams, Unset):
            hyperparams = UNSET
        else:
            hyperparams = TrajectoryRunHyperparams.from_dict(_hyperparams)

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_clip(data: object) -> None | TrajectoryRunClipType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clip_type_0 = TrajectoryRunClipType0.from_dict(data)

                return clip_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrajectoryRunClipType0 | Unset, data)

        clip = _parse_clip(d.pop("clip", UNSET))

        def _parse_schedule(data: object) -> None | TrajectoryRunScheduleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = TrajectoryRunScheduleType0.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrajectoryRunScheduleType0 | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        trajectory_run = cls(
            name=name,
            hyperparams=hyperparams,
            label=label,
            clip=clip,
            schedule=schedule,
        )

        return trajectory_run
