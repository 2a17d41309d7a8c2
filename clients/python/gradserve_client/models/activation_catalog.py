from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.activation_entry import ActivationEntry


T = TypeVar("T", bound="ActivationCatalog")


@_attrs_define
class ActivationCatalog:
    """
    Attributes:
        activations (list[ActivationEntry]): One catalog entry per function.
    """

    activations: list[ActivationEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activations = []
        for activations_item_data in self.activations:
            activations_item = activations_item_data.to_dict()
            activations.append(activations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activations": activations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_entry import ActivationEntry  # noqa: PLC0415

        d = dict(src_dict)
        activations = []
        _activations = d.pop("activations")
        for activations_item_data in _activations:
            activations_item = ActivationEntry.from_dict(activations_item_data)

            activations.append(activations_item)

        activation_catalog = cls(
            activations=activations,
        )

        activation_catalog.additional_properties = d
        return activation_catalog

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
