from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="ScheduleEntry")


@_attrs_define
class ScheduleEntry:
    """
    Attributes:
        name (str):
        params (list[ParamInfo]):
        formula (str):
        reference (str):
    """

    name: str
    params: list[ParamInfo]
    formula: str
    reference: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        formula = self.formula

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "params": params,
                "formula": formula,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = ParamInfo.from_dict(params_item_data)

            params.append(params_item)

        formula = d.pop("formula")

        reference = d.pop("reference")

        schedule_entry = cls(
            name=name,
            params=params,
            formula=formula,
            reference=reference,
        )

        schedule_entry.additional_properties = d
        return schedule_entry

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
