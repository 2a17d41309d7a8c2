from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.oip_inference_stats import OipInferenceStats


T = TypeVar("T", bound="OipModelStat")


@_attrs_define
class OipModelStat:
    """One model's statistics since the server started, summed over its workers.

    Attributes:
        name (str): The canonical model name, e.g. activations.sigmoid.
        version (str): 1 (any version counts here).
        last_inference (int): When the last inference request ended, ms since the Unix epoch (0: none).
        inference_count (int): Successful inferences (one per request).
        execution_count (int): Executions: one per successful request.
        inference_stats (OipInferenceStats): A model's inference requests by outcome, and the successful ones by phase.
    """

    name: str
    version: str
    last_inference: int
    inference_count: int
    execution_count: int
    inference_stats: OipInferenceStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        last_inference = self.last_inference

        inference_count = self.inference_count

        execution_count = self.execution_count

        inference_stats = self.inference_stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "last_inference": last_inference,
                "inference_count": inference_count,
                "execution_count": execution_count,
                "inference_stats": inference_stats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_inference_stats import OipInferenceStats  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        last_inference = d.pop("last_inference")

        inference_count = d.pop("inference_count")

        execution_count = d.pop("execution_count")

        inference_stats = OipInferenceStats.from_dict(d.pop("inference_stats"))

        oip_model_stat = cls(
            name=name,
            version=version,
            last_inference=last_inference,
            inference_count=inference_count,
            execution_count=execution_count,
            inference_stats=inference_stats,
        )

        oip_model_stat.additional_properties = d
        return oip_model_stat

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
