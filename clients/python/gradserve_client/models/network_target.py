from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NetworkTarget")


@_attrs_define
class NetworkTarget:
    """A network of the client's own (layers, input and loss in the request).

    Attributes:
        kind (Literal['network']): A sequential network (its gradients).
    """

    kind: Literal["network"]

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["network"], d.pop("kind"))
        if kind != "network":
            raise ValueError(f"kind must match const 'network', got '{kind}'")

        network_target = cls(
            kind=kind,
        )

        return network_target
