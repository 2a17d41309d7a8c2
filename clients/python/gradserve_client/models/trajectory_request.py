from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.objective_spec import ObjectiveSpec
    from ..models.trajectory_run import TrajectoryRun


T = TypeVar("T", bound="TrajectoryRequest")


@_attrs_define
class TrajectoryRequest:
    """
    Attributes:
        objective (ObjectiveSpec | str): An objective name, or {"name", "params"}; see GET /v1/optimizers.
        optimizers (list[TrajectoryRun]): Optimizers to run from the same start, in order (at most
            GRADSERVE_MAX_TRAJECTORY_RUNS).
        start (list[float] | None | Unset): Start point [x, y] (default: the objective's usual start).
        steps (int | Unset): Updates per optimizer (bounded by GRADSERVE_MAX_TRAJECTORY_STEPS). Default: 100.
        tolerance (float | Unset): converged_at is the first step from which every point stays within this distance of a
            known minimum. Default: 1e-06.
        every (int | Unset): Return every k-th point of each path (the last one always). Default: 1.
        max_points (int | None | Unset): At most this many points per run: the stride grows (in multiples of `every`)
            until they fit; the last point is always kept. null: every point (bounded by GRADSERVE_MAX_RESPONSE_BYTES).
            Default: 1000.
    """

    objective: ObjectiveSpec | str
    optimizers: list[TrajectoryRun]
    start: list[float] | None | Unset = UNSET
    steps: int | Unset = 100
    tolerance: float | Unset = 1e-06
    every: int | Unset = 1
    max_points: int | None | Unset = 1000

    def to_dict(self) -> dict[str, Any]:
        from ..models.objective_spec import ObjectiveSpec  # noqa: PLC0415

        objective: dict[str, Any] | str
        if isinstance(self.objective, ObjectiveSpec):
            objective = self.objective.to_dict()
        else:
            objective = self.objective

        optimizers = []
        for optimizers_item_data in self.optimizers:
            optimizers_item = optimizers_item_data.to_dict()
            optimizers.append(optimizers_item)

        start: list[float] | None | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        elif isinstance(self.start, list):
            start = self.start

        else:
            start = self.start

        steps = self.steps

        tolerance = self.tolerance

        every = self.every

        max_points: int | None | Unset
        if isinstance(self.max_points, Unset):
            max_points = UNSET
        else:
            max_points = self.max_points

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "objective": objective,
                "optimizers": optimizers,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start
        if steps is not UNSET:
            field_dict["steps"] = steps
        if tolerance is not UNSET:
            field_dict["tolerance"] = tolerance
        if every is not UNSET:
            field_dict["every"] = every
        if max_points is not UNSET:
            field_dict["max_points"] = max_points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.objective_spec import ObjectiveSpec  # noqa: PLC0415
        from ..models.trajectory_run import TrajectoryRun  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_objective(data: object) -> ObjectiveSpec | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                objective_type_1 = ObjectiveSpec.from_dict(data)

                return objective_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ObjectiveSpec | str, data)

        objective = _parse_objective(d.pop("objective"))

        optimizers = []
        _optimizers = d.pop("optimizers")
        for optimizers_item_data in _optimizers:
            optimizers_item = TrajectoryRun.from_dict(optimizers_item_data)

            optimizers.append(optimizers_item)

        def _parse_start(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                start_type_0 = cast(list[float], data)

                return start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        start = _parse_start(d.pop("start", UNSET))

        steps = d.pop("steps", UNSET)

        tolerance = d.pop("tolerance", UNSET)

        every = d.pop("every", UNSET)

        def _parse_max_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_points = _parse_max_points(d.pop("max_points", UNSET))

        trajectory_request = cls(
            objective=objective,
            optimizers=optimizers,
            start=start,
            steps=steps,
            tolerance=tolerance,
            every=every,
            max_points=max_points,
        )

        return trajectory_request
