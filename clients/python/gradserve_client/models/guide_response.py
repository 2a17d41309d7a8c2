from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.guide_recommendation import GuideRecommendation


T = TypeVar("T", bound="GuideResponse")


@_attrs_define
class GuideResponse:
    """
    Attributes:
        task (str): The task asked.
        summary (str): What the task is.
        recommended (GuideRecommendation):
        alternatives (list[GuideRecommendation]): Other sound combinations.
        notes (list[str]): Practical notes (numerical stability, ...).
    """

    task: str
    summary: str
    recommended: GuideRecommendation
    alternatives: list[GuideRecommendation]
    notes: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task = self.task

        summary = self.summary

        recommended = self.recommended.to_dict()

        alternatives = []
        for alternatives_item_data in self.alternatives:
            alternatives_item = alternatives_item_data.to_dict()
            alternatives.append(alternatives_item)

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task": task,
                "summary": summary,
                "recommended": recommended,
                "alternatives": alternatives,
                "notes": notes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guide_recommendation import GuideRecommendation  # noqa: PLC0415

        d = dict(src_dict)
        task = d.pop("task")

        summary = d.pop("summary")

        recommended = GuideRecommendation.from_dict(d.pop("recommended"))

        alternatives = []
        _alternatives = d.pop("alternatives")
        for alternatives_item_data in _alternatives:
            alternatives_item = GuideRecommendation.from_dict(alternatives_item_data)

            alternatives.append(alternatives_item)

        notes = cast(list[str], d.pop("notes"))

        guide_response = cls(
            task=task,
            summary=summary,
            recommended=recommended,
            alternatives=alternatives,
            notes=notes,
        )

        guide_response.additional_properties = d
        return guide_response

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
