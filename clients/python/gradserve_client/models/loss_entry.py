from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.loss_entry_alias_defaults import LossEntryAliasDefaults
    from ..models.loss_entry_conventions import LossEntryConventions
    from ..models.non_finite_rule import NonFiniteRule
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="LossEntry")


@_attrs_define
class LossEntry:
    """One loss of the catalog.

    Attributes:
        name (str): Canonical name (the URL segment).
        aliases (list[str]): PyTorch, Keras and optax spellings.
        description (str):
        params (list[ParamInfo]): Parameters with defaults and ranges.
        formula (str): The per-sample loss in LaTeX.
        gradient_formula (str): dL/dy_pred in LaTeX.
        y_true_encoding (str): one_hot, index, probability, real, ±1, ...
        y_pred (str): What y_pred holds: probabilities, logits, real values.
        pairs_with (list[str]): Output activations it pairs with.
        pairs_with_from_logits (list[str] | None): Output activations it pairs with under from_logits.
        per_sample_reduction (str): How the last axis is reduced per sample.
        reductions (list[str]): Reductions accepted.
        torch (None | str):
        keras (None | str):
        optax (None | str):
        differences (list[str]): How PyTorch, Keras and optax differ.
        conventions (LossEntryConventions): What each `convention` changes.
        alias_defaults (LossEntryAliasDefaults): Aliases that imply parameter values (BCEWithLogitsLoss → from_logits).
        reference (str):
        nonfinite (None | NonFiniteRule | Unset): NaN and ±inf inputs.
        inputs (list[str] | None | Unset): Issue 12's losses: the tensor fields that take a gradient, main input first
            (`grad` is its gradient, `grads` has each), e.g. [x1, x2], [anchor, positive, negative], [y_pred, var],
            [y_pred].
    """

    name: str
    aliases: list[str]
    description: str
    params: list[ParamInfo]
    formula: str
    gradient_formula: str
    y_true_encoding: str
    y_pred: str
    pairs_with: list[str]
    pairs_with_from_logits: list[str] | None
    per_sample_reduction: str
    reductions: list[str]
    torch: None | str
    keras: None | str
    optax: None | str
    differences: list[str]
    conventions: LossEntryConventions
    alias_defaults: LossEntryAliasDefaults
    reference: str
    nonfinite: None | NonFiniteRule | Unset = UNSET
    inputs: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415

        name = self.name

        aliases = self.aliases

        description = self.description

        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        formula = self.formula

        gradient_formula = self.gradient_formula

        y_true_encoding = self.y_true_encoding

        y_pred = self.y_pred

        pairs_with = self.pairs_with

        pairs_with_from_logits: list[str] | None
        if isinstance(self.pairs_with_from_logits, list):
            pairs_with_from_logits = self.pairs_with_from_logits

        else:
            pairs_with_from_logits = self.pairs_with_from_logits

        per_sample_reduction = self.per_sample_reduction

        reductions = self.reductions

        torch: None | str
        torch = self.torch

        keras: None | str
        keras = self.keras

        optax: None | str
        optax = self.optax

        differences = self.differences

        conventions = self.conventions.to_dict()

        alias_defaults = self.alias_defaults.to_dict()

        reference = self.reference

        nonfinite: dict[str, Any] | None | Unset
        if isinstance(self.nonfinite, Unset):
            nonfinite = UNSET
        elif isinstance(self.nonfinite, NonFiniteRule):
            nonfinite = self.nonfinite.to_dict()
        else:
            nonfinite = self.nonfinite

        inputs: list[str] | None | Unset
        if isinstance(self.inputs, Unset):
            inputs = UNSET
        elif isinstance(self.inputs, list):
            inputs = self.inputs

        else:
            inputs = self.inputs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "aliases": aliases,
                "description": description,
                "params": params,
                "formula": formula,
                "gradient_formula": gradient_formula,
                "y_true_encoding": y_true_encoding,
                "y_pred": y_pred,
                "pairs_with": pairs_with,
                "pairs_with_from_logits": pairs_with_from_logits,
                "per_sample_reduction": per_sample_reduction,
                "reductions": reductions,
                "torch": torch,
                "keras": keras,
                "optax": optax,
                "differences": differences,
                "conventions": conventions,
                "alias_defaults": alias_defaults,
                "reference": reference,
            }
        )
        if nonfinite is not UNSET:
            field_dict["nonfinite"] = nonfinite
        if inputs is not UNSET:
            field_dict["inputs"] = inputs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.loss_entry_alias_defaults import LossEntryAliasDefaults  # noqa: PLC0415
        from ..models.loss_entry_conventions import LossEntryConventions  # noqa: PLC0415
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        aliases = cast(list[str], d.pop("aliases"))

        description = d.pop("description")

        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = ParamInfo.from_dict(params_item_data)

            params.append(params_item)

        formula = d.pop("formula")

        gradient_formula = d.pop("gradient_formula")

        y_true_encoding = d.pop("y_true_encoding")

        y_pred = d.pop("y_pred")

        pairs_with = cast(list[str], d.pop("pairs_with"))

        def _parse_pairs_with_from_logits(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pairs_with_from_logits_type_0 = cast(list[str], data)

                return pairs_with_from_logits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        pairs_with_from_logits = _parse_pairs_with_from_logits(d.pop("pairs_with_from_logits"))

        per_sample_reduction = d.pop("per_sample_reduction")

        reductions = cast(list[str], d.pop("reductions"))

        def _parse_torch(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        torch = _parse_torch(d.pop("torch"))

        def _parse_keras(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        keras = _parse_keras(d.pop("keras"))

        def _parse_optax(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        optax = _parse_optax(d.pop("optax"))

        differences = cast(list[str], d.pop("differences"))

        conventions = LossEntryConventions.from_dict(d.pop("conventions"))

        alias_defaults = LossEntryAliasDefaults.from_dict(d.pop("alias_defaults"))

        reference = d.pop("reference")

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

        def _parse_inputs(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inputs_type_0 = cast(list[str], data)

                return inputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        inputs = _parse_inputs(d.pop("inputs", UNSET))

        loss_entry = cls(
            name=name,
            aliases=aliases,
            description=description,
            params=params,
            formula=formula,
            gradient_formula=gradient_formula,
            y_true_encoding=y_true_encoding,
            y_pred=y_pred,
            pairs_with=pairs_with,
            pairs_with_from_logits=pairs_with_from_logits,
            per_sample_reduction=per_sample_reduction,
            reductions=reductions,
            torch=torch,
            keras=keras,
            optax=optax,
            differences=differences,
            conventions=conventions,
            alias_defaults=alias_defaults,
            reference=reference,
            nonfinite=nonfinite,
            inputs=inputs,
        )

        loss_entry.additional_properties = d
        return loss_entry

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
