from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.batch_item_body import BatchItemBody


T = TypeVar("T", bound="BatchItem")


@_attrs_define
class BatchItem:
    """
    Attributes:
        path (str): A /v1 POST path, e.g. /v1/activations/tanh, /v1/losses/mse, /v1/optimizers/adam/step, /v1/gradcheck
            (no query string: query parameters take their defaults).
        body (BatchItemBody): The body of that call, as it would be sent on its own.
    """

    path: str
    body: BatchItemBody

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        body = self.body.to_dict()

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
        from ..models.batch_item_body import BatchItemBody  # noqa: PLC0415

        d = dict(src_dict)
        path = d.pop("path")

        body = BatchItemBody.from_dict(d.pop("body"))

        batch_item = cls(
            path=path,
            body=body,
        )

        return batch_item
