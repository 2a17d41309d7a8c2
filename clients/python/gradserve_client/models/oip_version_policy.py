from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.oip_latest_versions import OipLatestVersions


T = TypeVar("T", bound="OipVersionPolicy")


@_attrs_define
class OipVersionPolicy:
    """Which versions are served: {"latest": {"num_versions": 1}}.

    Attributes:
        latest (OipLatestVersions): The latest versions are served.
    """

    latest: OipLatestVersions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        latest = self.latest.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "latest": latest,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_latest_versions import OipLatestVersions  # noqa: PLC0415

        d = dict(src_dict)
        latest = OipLatestVersions.from_dict(d.pop("latest"))

        oip_version_policy = cls(
            latest=latest,
        )

        oip_version_policy.additional_properties = d
        return oip_version_policy

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
