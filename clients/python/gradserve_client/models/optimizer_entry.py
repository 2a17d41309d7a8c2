from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.non_finite_rule import NonFiniteRule
    from ..models.optimizer_diagnosis import OptimizerDiagnosis
    from ..models.optimizer_entry_conventions import OptimizerEntryConventions
    from ..models.optimizer_entry_differences import OptimizerEntryDifferences
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="OptimizerEntry")


@_attrs_define
class OptimizerEntry:
    """One optimizer of the catalog.

    Attributes:
        name (str): Canonical name (the URL segment).
        aliases (list[str]):
        summary (str):
        hyperparams (list[ParamInfo]): torch names, defaults, ranges, aliases.
        update_rule (str): The update in LaTeX.
        state_slots (list[str]): Names of the state's slots.
        reference (str): The reference implementation followed.
        differences (OptimizerEntryDifferences): Per framework (keras, optax): differences.
        step_cost (int): Work units one step of this optimizer costs a trajectory (GRADSERVE_MAX_TRAJECTORY_WORK bounds
            steps × the step costs of the separately stepped runs; clipping adds 2; runs stepped in lockstep count once).
        nonfinite (None | NonFiniteRule | Unset): NaN and ±inf gradients.
        conventions (OptimizerEntryConventions | Unset): Per convention other than torch ("keras"): whether the
            optimizer has it, what it changes, and its hyperparameters (Keras spelling and defaults), update rule and state
            slots.
        diagnoses (list[OptimizerDiagnosis] | Unset): Variants POST /v1/verify recognises in a client's step (besides
            sign_flipped and scaled).
    """

    name: str
    aliases: list[str]
    summary: str
    hyperparams: list[ParamInfo]
    update_rule: str
    state_slots: list[str]
    reference: str
    differences: OptimizerEntryDifferences
    step_cost: int
    nonfinite: None | NonFiniteRule | Unset = UNSET
    conventions: OptimizerEntryConventions | Unset = UNSET
    diagnoses: list[OptimizerDiagnosis] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415

        name = self.name

        aliases = self.aliases

        summary = self.summary

        hyperparams = []
        for hyperparams_item_data in self.hyperparams:
            hyperparams_item = hyperparams_item_data.to_dict()
            hyperparams.append(hyperparams_item)

        update_rule = self.update_rule

        state_slots = self.state_slots

        reference = self.reference

        differences = self.differences.to_dict()

        step_cost = self.step_cost

        nonfinite: dict[str, Any] | None | Unset
        if isinstance(self.nonfinite, Unset):
            nonfinite = UNSET
        elif isinstance(self.nonfinite, NonFiniteRule):
            nonfinite = self.nonfinite.to_dict()
        else:
            nonfinite = self.nonfinite

        conventions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conventions, Unset):
            conventions = self.conventions.to_dict()

        diagnoses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.diagnoses, Unset):
            diagnoses = []
            for diagnoses_item_data in self.diagnoses:
                diagnoses_item = diagnoses_item_data.to_dict()
                diagnoses.append(diagnoses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "aliases": aliases,
                "summary": summary,
                "hyperparams": hyperparams,
                "update_rule": update_rule,
                "state_slots": state_slots,
                "reference": reference,
                "differences": differences,
                "step_cost": step_cost,
            }
        )
        if nonfinite is not UNSET:
            field_dict["nonfinite"] = nonfinite
        if conventions is not UNSET:
            field_dict["conventions"] = conventions
        if diagnoses is not UNSET:
            field_dict["diagnoses"] = diagnoses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415
        from ..models.optimizer_diagnosis import OptimizerDiagnosis  # noqa: PLC0415
        from ..models.optimizer_entry_conventions import OptimizerEntryConventions  # noqa: PLC0415
        from ..models.optimizer_entry_differences import OptimizerEntryDifferences  # noqa: PLC0415
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        aliases = cast(list[str], d.pop("aliases"))

        summary = d.pop("summary")

        hyperparams = []
        _hyperparams = d.pop("hyperparams")
        for hyperparams_item_data in _hyperparams:
            hyperparams_item = ParamInfo.from_dict(hyperparams_item_data)

            hyperparams.append(hyperparams_item)

        update_rule = d.pop("update_rule")

        state_slots = cast(list[str], d.pop("state_slots"))

        reference = d.pop("reference")

        differences = OptimizerEntryDifferences.from_dict(d.pop("differences"))

        step_cost = d.pop("step_cost")

        def _parse_nonfinite(data: object) -> None | NonFiniteRule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                nonfinite_type_0 = NonFiniteRule.from_dict(data)

                return nonfinite_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NonFiniteRule | Unset, data)

        nonfinite = _parse_nonfinite(d.pop("nonfinite", UNSET))

        _conventions = d.pop("conventions", UNSET)
        conventions: OptimizerEntryConventions | Unset
        if isinstance(_conventions, Unset):
            conventions = UNSET
        else:
            conventions = OptimizerEntryConventions.from_dict(_conventions)

        _diagnoses = d.pop("diagnoses", UNSET)
        diagnoses: list[OptimizerDiagnosis] | Unset = UNSET
        if _diagnoses is not UNSET:
            diagnoses = []
            for diagnoses_item_data in _diagnoses:
                diagnoses_item = OptimizerDiagnosis.from_dict(diagnoses_item_data)

                diagnoses.append(diagnoses_item)

        optimizer_entry = cls(
            name=name,
            aliases=aliases,
            summary=summary,
            hyperparams=hyperparams,
            update_rule=update_rule,
            state_slots=state_slots,
            reference=reference,
            differences=differences,
            step_cost=step_cost,
            nonfinite=nonfinite,
            conventions=conventions,
            diagnoses=diagnoses,
        )

        optimizer_entry.additional_properties = d
        return optimizer_entry

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
