from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activation_entry_kind import ActivationEntryKind, check_activation_entry_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.non_finite_rule import NonFiniteRule
    from ..models.param_info import ParamInfo


T = TypeVar("T", bound="ActivationEntry")


@_attrs_define
class ActivationEntry:
    """One activation of the catalog.

    Attributes:
        name (str): Canonical name (the URL segment).
        aliases (list[str]): PyTorch and Keras spellings.
        kind (ActivationEntryKind): Elementwise or along `axis`.
        params (list[ParamInfo]): Parameters with defaults and ranges.
        formula (str): f(x) in LaTeX.
        derivative (str): f'(x) (or the Jacobian) in LaTeX.
        range_ (str): Output range.
        zero_centered (bool):
        monotonic (bool):
        smooth (bool):
        kinks (str): The derivative's convention at kinks (PyTorch's).
        use (str): Typical use (hidden layers, output for which task).
        torch (None | str): The PyTorch function, if any.
        keras (None | str): The Keras function, if any.
        differences (str): How PyTorch, Keras and JAX differ.
        nonfinite (None | NonFiniteRule | Unset): NaN and ±inf inputs.
        second_derivative (None | str | Unset): f''(x) in LaTeX (elementwise functions; = torch's double backward, its
            convention at kinks).
    """

    name: str
    aliases: list[str]
    kind: ActivationEntryKind
    params: list[ParamInfo]
    formula: str
    derivative: str
    range_: str
    zero_centered: bool
    monotonic: bool
    smooth: bool
    kinks: str
    use: str
    torch: None | str
    keras: None | str
    differences: str
    nonfinite: None | NonFiniteRule | Unset = UNSET
    second_derivative: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415

        name = self.name

        aliases = self.aliases

        kind: str = self.kind

        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        formula = self.formula

        derivative = self.derivative

        range_ = self.range_

        zero_centered = self.zero_centered

        monotonic = self.monotonic

        smooth = self.smooth

        kinks = self.kinks

        use = self.use

        torch: None | str
        torch = self.torch

        keras: None | str
        keras = self.keras

        differences = self.differences

        nonfinite: dict[str, Any] | None | Unset
        if isinstance(self.nonfinite, Unset):
            nonfinite = UNSET
        elif isinstance(self.nonfinite, NonFiniteRule):
            nonfinite = self.nonfinite.to_dict()
        else:
            nonfinite = self.nonfinite

        second_derivative: None | str | Unset
        if isinstance(self.second_derivative, Unset):
            second_derivative = UNSET
        else:
            second_derivative = self.second_derivative

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "aliases": aliases,
                "kind": kind,
                "params": params,
                "formula": formula,
                "derivative": derivative,
                "range": range_,
                "zero_centered": zero_centered,
                "monotonic": monotonic,
                "smooth": smooth,
                "kinks": kinks,
                "use": use,
                "torch": torch,
                "keras": keras,
                "differences": differences,
            }
        )
        if nonfinite is not UNSET:
            field_dict["nonfinite"] = nonfinite
        if second_derivative is not UNSET:
            field_dict["second_derivative"] = second_derivative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.non_finite_rule import NonFiniteRule  # noqa: PLC0415
        from ..models.param_info import ParamInfo  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        aliases = cast(list[str], d.pop("aliases"))

        kind = check_activation_entry_kind(d.pop("kind"))

        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = ParamInfo.from_dict(params_item_data)

            params.append(params_item)

        formula = d.pop("formula")

        derivative = d.pop("derivative")

        range_ = d.pop("range")

        zero_centered = d.pop("zero_centered")

        monotonic = d.pop("monotonic")

        smooth = d.pop("smooth")

        kinks = d.pop("kinks")

        use = d.pop("use")

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

        differences = d.pop("differences")

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

        def _parse_second_derivative(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        second_derivative = _parse_second_derivative(d.pop("second_derivative", UNSET))

        activation_entry = cls(
            name=name,
            aliases=aliases,
            kind=kind,
            params=params,
            formula=formula,
            derivative=derivative,
            range_=range_,
            zero_centered=zero_centered,
            monotonic=monotonic,
            smooth=smooth,
            kinks=kinks,
            use=use,
            torch=torch,
            keras=keras,
            differences=differences,
            nonfinite=nonfinite,
            second_derivative=second_derivative,
        )

        activation_entry.additional_properties = d
        return activation_entry

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
