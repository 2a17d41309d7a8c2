from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.optimizer_state_slots import OptimizerStateSlots


T = TypeVar("T", bound="OptimizerState")


@_attrs_define
class OptimizerState:
    """An optimizer's state between steps: send it back unchanged with the next step.

    Attributes:
        optimizer (str): Canonical name of the optimizer that made the state.
        step (int): Updates done so far.
        slots (OptimizerStateSlots): Named slots (exp_avg, momentum_buffer, ...; see GET /v1/optimizers/{name}), each a
            tensor tree shaped like params.
    """

    optimizer: str
    step: int
    slots: OptimizerStateSlots
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        optimizer = self.optimizer

        step = self.step

        slots = self.slots.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "optimizer": optimizer,
                "step": step,
                "slots": slots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.optimizer_state_slots import OptimizerStateSlots  # noqa: PLC0415

        d = dict(src_dict)
        optimizer = d.pop("optimizer")

        step = d.pop("step")

        slots = OptimizerStateSlots.from_dict(d.pop("slots"))

        optimizer_state = cls(
            optimizer=optimizer,
            step=step,
            slots=slots,
        )

        optimizer_state.additional_properties = d
        return optimizer_state

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
