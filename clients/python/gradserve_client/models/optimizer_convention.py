from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="OptimizerConvention")


@_attrs_define
class OptimizerConvention:
    """An optimizer under another convention (convention: "keras" of the step endpoint).

    Attributes:
        available (bool): False: the framework has no such optimizer (a 422).
        changes (str): What the convention changes against torch's form.
        hyperparams (list[ParamInfo] | None | Unset): Names, defaults, ranges.
        update_rule (None | str | Unset): The update in LaTeX.
        state_slots (list[str] | None | Unset): Names of the state's slots.
        reference (None | str | Unset): The implementation followed.
    """

    available: bool
    changes: str
    hyperparams: list[ParamInfo] | None | Unset = UNSET
    update_rule: None | str | Unset = UNSET
    state_slots: list[str] | None | Unset = UNSET
    reference: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        changes = self.changes

        hyperparams: list[dict[str, Any]] | None | Unset
        if isinstance(self.hyperparams, Unset):
            hyperparams = UNSET
        elif isinstance(self.hyperparams, list):
            hyperparams = []
            for hyperparams_type_0_item_data in self.hyperparams:
                hyperparams_type_0_item = hyperparams_type_0_item_data.to_dict()
                hyperparams.append(hyperparams_type_0_item)

        else:
            hyperparams = self.hyperparams

        update_rule: None | str | Unset
        if isinstance(self.update_rule, Unset):
            update_rule = UNSET
        else:
            update_rule = self.update_rule

        state_slots: list[str] | None | Unset
        if isinstance(self.state_slots, Unset):
            state_slots = UNSET
        elif isinstance(self.state_slots, list):
            state_slots = self.state_slots

        else:
            state_slots = self.state_slots

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "changes": changes,
            }
        )
        if hyperparams is not UNSET:
            field_dict["hyperparams"] = hyperparams
        if update_rule is not UNSET:
            field_dict["update_rule"] = update_rule
        if state_slots is not UNSET:
            field_dict["state_slots"] = state_slots
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        available = d.pop("available")

        changes = d.pop("changes")

        def _parse_hyperparams(data: object) -> list[ParamInfo] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                hyperparams_type_0 = []
                _hyperparams_type_0 = data
                for hyperparams_type_0_item_data in _hyperparams_type_0:
                    hyperparams_type_0_item = ParamInfo.from_dict(hyperparams_type_0_item_data)

                    hyperparams_type_0.append(hyperparams_type_0_item)

                return hyperparams_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ParamInfo] | None | Unset, data)

        hyperparams = _parse_hyperparams(d.pop("hyperparams", UNSET))

        def _parse_update_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        update_rule = _parse_update_rule(d.pop("update_rule", UNSET))

        def _parse_state_slots(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                state_slots_type_0 = cast(list[str], data)

                return state_slots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        state_slots = _parse_state_slots(d.pop("state_slots", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        optimizer_convention = cls(
            available=available,
            changes=changes,
            hyperparams=hyperparams,
            update_rule=update_rule,
            state_slots=state_slots,
            reference=reference,
        )

        optimizer_convention.additional_properties = d
        return optimizer_convention

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
