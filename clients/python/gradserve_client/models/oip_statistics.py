from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.oip_model_stat import OipModelStat


T = TypeVar("T", bound="OipStatistics")


@_attrs_define
class OipStatistics:
    """Triton's statistics extension (tritonclient's `get_inference_statistics()`).

    Attributes:
        model_stats (list[OipModelStat]):
    """

    model_stats: list[OipModelStat]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_stats = []
        for model_stats_item_data in self.model_stats:
            model_stats_item = model_stats_item_data.to_dict()
            model_stats.append(model_stats_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_stats": model_stats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_model_stat import OipModelStat  # noqa: PLC0415

        d = dict(src_dict)
        model_stats = []
        _model_stats = d.pop("model_stats")
        for model_stats_item_data in _model_stats:
            model_stats_item = OipModelStat.from_dict(model_stats_item_data)

            model_stats.append(model_stats_item)

        oip_statistics = cls(
            model_stats=model_stats,
        )

        oip_statistics.additional_properties = d
        return oip_statistics

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
