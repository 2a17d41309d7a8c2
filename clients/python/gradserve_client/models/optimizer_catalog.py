from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.objective_entry import ObjectiveEntry
    from ..models.optimizer_catalog_clipping import OptimizerCatalogClipping
    from ..models.optimizer_catalog_regularization import OptimizerCatalogRegularization
    from ..models.optimizer_entry import OptimizerEntry
    from ..models.schedule_entry import ScheduleEntry


T = TypeVar("T", bound="OptimizerCatalog")


@_attrs_define
class OptimizerCatalog:
    """
    Attributes:
        optimizers (list[OptimizerEntry]): One entry per optimizer.
        schedules (list[ScheduleEntry]): Learning-rate schedules.
        clipping (OptimizerCatalogClipping): Clipping modes and their definitions.
        regularization (OptimizerCatalogRegularization): Penalties added to the gradient.
        objectives (list[ObjectiveEntry]): Objectives of the trajectory endpoint.
    """

    optimizers: list[OptimizerEntry]
    schedules: list[ScheduleEntry]
    clipping: OptimizerCatalogClipping
    regularization: OptimizerCatalogRegularization
    objectives: list[ObjectiveEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        optimizers = []
        for optimizers_item_data in self.optimizers:
            optimizers_item = optimizers_item_data.to_dict()
            optimizers.append(optimizers_item)

        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        clipping = self.clipping.to_dict()

        regularization = self.regularization.to_dict()

        objectives = []
        for objectives_item_data in self.objectives:
            objectives_item = objectives_item_data.to_dict()
            objectives.append(objectives_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "optimizers": optimizers,
                "schedules": schedules,
                "clipping": clipping,
                "regularization": regularization,
                "objectives": objectives,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.objective_entry import ObjectiveEntry  # noqa: PLC0415
        from ..models.optimizer_catalog_clipping import OptimizerCatalogClipping  # noqa: PLC0415
        from ..models.optimizer_catalog_regularization import OptimizerCatalogRegularization  # noqa: PLC0415
        from ..models.optimizer_entry import OptimizerEntry  # noqa: PLC0415
        from ..models.schedule_entry import ScheduleEntry  # noqa: PLC0415

        d = dict(src_dict)
        optimizers = []
        _optimizers = d.pop("optimizers")
        for optimizers_item_data in _optimizers:
            optimizers_item = OptimizerEntry.from_dict(optimizers_item_data)

            optimizers.append(optimizers_item)

        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ScheduleEntry.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        clipping = OptimizerCatalogClipping.from_dict(d.pop("clipping"))

        regularization = OptimizerCatalogRegularization.from_dict(d.pop("regularization"))

        objectives = []
        _objectives = d.pop("objectives")
        for objectives_item_data in _objectives:
            objectives_item = ObjectiveEntry.from_dict(objectives_item_data)

            objectives.append(objectives_item)

        optimizer_catalog = cls(
            optimizers=optimizers,
            schedules=schedules,
            clipping=clipping,
            regularization=regularization,
            objectives=objectives,
        )

        optimizer_catalog.additional_properties = d
        return optimizer_catalog

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
