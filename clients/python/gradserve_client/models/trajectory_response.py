from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_out import RunOut
    from ..models.trajectory_response_objective import TrajectoryResponseObjective


T = TypeVar("T", bound="TrajectoryResponse")


@_attrs_define
class TrajectoryResponse:
    """
    Attributes:
        objective (TrajectoryResponseObjective): The objective, its params and minima.
        start (list[float]):
        steps (int):
        tolerance (float):
        stride (int): Steps between returned points (the last may be closer).
        steps_returned (int): Points returned per run (len(indices)).
        indices (list[int]): The step of each returned point, 0 to steps.
        runs (list[RunOut]):
    """

    objective: TrajectoryResponseObjective
    start: list[float]
    steps: int
    tolerance: float
    stride: int
    steps_returned: int
    indices: list[int]
    runs: list[RunOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        objective = self.objective.to_dict()

        start = self.start

        steps = self.steps

        tolerance = self.tolerance

        stride = self.stride

        steps_returned = self.steps_returned

        indices = self.indices

        runs = []
        for runs_item_data in self.runs:
            runs_item = runs_item_data.to_dict()
            runs.append(runs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objective": objective,
                "start": start,
                "steps": steps,
                "tolerance": tolerance,
                "stride": stride,
                "steps_returned": steps_returned,
                "indices": indices,
                "runs": runs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_out import RunOut  # noqa: PLC0415
        from ..models.trajectory_response_objective import TrajectoryResponseObjective  # noqa: PLC0415

        d = dict(src_dict)
        objective = TrajectoryResponseObjective.from_dict(d.pop("objective"))

        start = cast(list[float], d.pop("start"))

        steps = d.pop("steps")

        tolerance = d.pop("tolerance")

        stride = d.pop("stride")

        steps_returned = d.pop("steps_returned")

        indices = cast(list[int], d.pop("indices"))

        runs = []
        _runs = d.pop("runs")
        for runs_item_data in _runs:
            runs_item = RunOut.from_dict(runs_item_data)

            runs.append(runs_item)

        trajectory_response = cls(
            objective=objective,
            start=start,
            steps=steps,
            tolerance=tolerance,
            stride=stride,
            steps_returned=steps_returned,
            indices=indices,
            runs=runs,
        )

        trajectory_response.additional_properties = d
        return trajectory_response

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
