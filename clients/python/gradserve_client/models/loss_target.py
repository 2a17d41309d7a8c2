from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.loss_target_params import LossTargetParams


T = TypeVar("T", bound="LossTarget")


@_attrs_define
class LossTarget:
    """A registered loss; its input is `y_pred` (with `y_true`).

    Attributes:
        kind (Literal['loss']): A registered loss (input `y_pred`, `y_true`).
        name (str): Loss name or alias, as in GET /v1/losses.
        params (LossTargetParams | Unset): The function's parameters by name or alias, e.g. {"alpha": 0.2}.
    """

    kind: Literal["loss"]
    name: str
    params: LossTargetParams | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        name = self.name

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.loss_target_params import LossTargetParams  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["loss"], d.pop("kind"))
        if kind != "loss":
            raise ValueError(f"kind must match const 'loss', got '{kind}'")

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: LossTargetParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = LossTargetParams.from_dict(_params)

        loss_target = cls(
            kind=kind,
            name=name,
            params=params,
        )

        return loss_target
