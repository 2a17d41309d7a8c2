from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OipRepositoryIndexRequest")


@_attrs_define
class OipRepositoryIndexRequest:
    """Triton's model repository index request (every field optional; an empty body too).

    Attributes:
        ready (bool | None | Unset): Only the models ready for inference (every model here is).
    """

    ready: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ready: bool | None | Unset
        if isinstance(self.ready, Unset):
            ready = UNSET
        else:
            ready = self.ready

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ready is not UNSET:
            field_dict["ready"] = ready

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_ready(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ready = _parse_ready(d.pop("ready", UNSET))

        oip_repository_index_request = cls(
            ready=ready,
        )

        return oip_repository_index_request
