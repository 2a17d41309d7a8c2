from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ParamInfo")


@_attrs_define
class ParamInfo:
    """One parameter or hyperparameter of a catalog entry.

    Attributes:
        name (str): The canonical parameter name (PyTorch's where it has one).
        type_ (str): float, int, bool, str, tensor, float_pair, ...
        default (Any): The default value (null: none or computed).
        range_ (None | str): Allowed values of a number, e.g. '[0, 1)' ('(-inf, inf)': any finite number), or of a
            string with choices ('one of ...'); null for a boolean or a free string. A constraint between parameters
            (hard_tanh's min_val <= max_val) is stated in their descriptions.
        description (str): What it does.
        aliases (list[str]): PyTorch/Keras/optax spellings accepted for it.
        learnable (bool | None | Unset): A learnable parameter (PReLU's alpha).
        choices (list[Any] | None | Unset): The allowed values, when a set.
    """

    name: str
    type_: str
    default: Any
    range_: None | str
    description: str
    aliases: list[str]
    learnable: bool | None | Unset = UNSET
    choices: list[Any] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        default = self.default

        range_: None | str
        range_ = self.range_

        description = self.description

        aliases = self.aliases

        learnable: bool | None | Unset
        if isinstance(self.learnable, Unset):
            learnable = UNSET
        else:
            learnable = self.learnable

        choices: list[Any] | None | Unset
        if isinstance(self.choices, Unset):
            choices = UNSET
        elif isinstance(self.choices, list):
            choices = self.choices

        else:
            choices = self.choices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "default": default,
                "range": range_,
                "description": description,
                "aliases": aliases,
            }
        )
        if learnable is not UNSET:
            field_dict["learnable"] = learnable
        if choices is not UNSET:
            field_dict["choices"] = choices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = d.pop("type")

        default = d.pop("default")

        def _parse_range_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        range_ = _parse_range_(d.pop("range"))

        description = d.pop("description")

        aliases = cast(list[str], d.pop("aliases"))

        def _parse_learnable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        learnable = _parse_learnable(d.pop("learnable", UNSET))

        def _parse_choices(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = cast(list[Any], data)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        choices = _parse_choices(d.pop("choices", UNSET))

        param_info = cls(
            name=name,
            type_=type_,
            default=default,
            range_=range_,
            description=description,
            aliases=aliases,
            learnable=learnable,
            choices=choices,
        )

        param_info.additional_properties = d
        return param_info

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
