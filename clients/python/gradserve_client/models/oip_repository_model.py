from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OipRepositoryModel")


@_attrs_define
class OipRepositoryModel:
    """One model of the repository index (Triton's model repository extension).

    Attributes:
        name (str): The canonical model name, e.g. activations.sigmoid.
        version (str): The version the index lists (any version answers).
        state (str): READY: every model is built in and loaded.
        reason (str | Unset): Why a model is not ready (always empty here). Default: ''.
    """

    name: str
    version: str
    state: str
    reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        state = self.state

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "state": state,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        state = d.pop("state")

        reason = d.pop("reason", UNSET)

        oip_repository_model = cls(
            name=name,
            version=version,
            state=state,
            reason=reason,
        )

        oip_repository_model.additional_properties = d
        return oip_repository_model

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
