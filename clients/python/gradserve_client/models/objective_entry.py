from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="ObjectiveEntry")


@_attrs_define
class ObjectiveEntry:
    """
    Attributes:
        name (str):
        aliases (list[str]):
        formula (str):
        description (str):
        params (list[ParamInfo]):
        minima (list[list[float]]): Known minima [x, y] (none for saddle).
        default_start (list[float]):
        bounds (list[float]): [xmin, xmax, ymin, ymax] of the plot.
    """

    name: str
    aliases: list[str]
    formula: str
    description: str
    params: list[ParamInfo]
    minima: list[list[float]]
    default_start: list[float]
    bounds: list[float]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        aliases = self.aliases

        formula = self.formula

        description = self.description

        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        minima = []
        for minima_item_data in self.minima:
            minima_item = minima_item_data

            minima.append(minima_item)

        default_start = self.default_start

        bounds = self.bounds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "aliases": aliases,
                "formula": formula,
                "description": description,
                "params": params,
                "minima": minima,
                "default_start": default_start,
                "bounds": bounds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        aliases = cast(list[str], d.pop("aliases"))

        formula = d.pop("formula")

        description = d.pop("description")

        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = ParamInfo.from_dict(params_item_data)

            params.append(params_item)

        minima = []
        _minima = d.pop("minima")
        for minima_item_data in _minima:
            minima_item = cast(list[float], minima_item_data)

            minima.append(minima_item)

        default_start = cast(list[float], d.pop("default_start"))

        bounds = cast(list[float], d.pop("bounds"))

        objective_entry = cls(
            name=name,
            aliases=aliases,
            formula=formula,
            description=description,
            params=params,
            minima=minima,
            default_start=default_start,
            bounds=bounds,
        )

        objective_entry.additional_properties = d
        return objective_entry

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
