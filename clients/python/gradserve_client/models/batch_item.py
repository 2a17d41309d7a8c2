from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BatchItem")


@_attrs_define
class BatchItem:
    """
    Attributes:
        path (str): A /v1 POST path, e.g. /v1/activations/tanh, /v1/losses/mse, /v1/optimizers/adam/step, /v1/gradcheck
            (no query string: query parameters take their defaults).
        body (Any): The body of that call, as it would be sent on its own: the object that path takes. Any other JSON
            value is answered, as that path would answer it, by this item's own 422 inside the 200 batch.
    """

    path: str
    body: Any

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        body = self.body

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "path": path,
                "body": body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        body = d.pop("body")

        batch_item = cls(
            path=path,
            body=body,
        )

        return batch_item
