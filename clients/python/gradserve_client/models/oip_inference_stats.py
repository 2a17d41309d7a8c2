from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.oip_stat_duration import OipStatDuration


T = TypeVar("T", bound="OipInferenceStats")


@_attrs_define
class OipInferenceStats:
    """A model's inference requests by outcome, and the successful ones by phase.

    Attributes:
        success (OipStatDuration): How many, and their total time in nanoseconds.
        fail (OipStatDuration): How many, and their total time in nanoseconds.
        queue (OipStatDuration): How many, and their total time in nanoseconds.
        compute_input (OipStatDuration): How many, and their total time in nanoseconds.
        compute_infer (OipStatDuration): How many, and their total time in nanoseconds.
        compute_output (OipStatDuration): How many, and their total time in nanoseconds.
    """

    success: OipStatDuration
    fail: OipStatDuration
    queue: OipStatDuration
    compute_input: OipStatDuration
    compute_infer: OipStatDuration
    compute_output: OipStatDuration
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success.to_dict()

        fail = self.fail.to_dict()

        queue = self.queue.to_dict()

        compute_input = self.compute_input.to_dict()

        compute_infer = self.compute_infer.to_dict()

        compute_output = self.compute_output.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "fail": fail,
                "queue": queue,
                "compute_input": compute_input,
                "compute_infer": compute_infer,
                "compute_output": compute_output,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_stat_duration import OipStatDuration  # noqa: PLC0415

        d = dict(src_dict)
        success = OipStatDuration.from_dict(d.pop("success"))

        fail = OipStatDuration.from_dict(d.pop("fail"))

        queue = OipStatDuration.from_dict(d.pop("queue"))

        compute_input = OipStatDuration.from_dict(d.pop("compute_input"))

        compute_infer = OipStatDuration.from_dict(d.pop("compute_infer"))

        compute_output = OipStatDuration.from_dict(d.pop("compute_output"))

        oip_inference_stats = cls(
            success=success,
            fail=fail,
            queue=queue,
            compute_input=compute_input,
            compute_infer=compute_infer,
            compute_output=compute_output,
        )

        oip_inference_stats.additional_properties = d
        return oip_inference_stats

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
