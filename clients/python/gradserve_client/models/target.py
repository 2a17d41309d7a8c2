from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.target_kind import TargetKind, check_target_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_params import TargetParams


T = TypeVar("T", bound="Target")


@_attrs_define
class Target:
    """
    Attributes:
        kind (TargetKind): What is checked: a registered activation (input `x`) or loss (input `y_pred` with `y_true`).
        name (str): Activation or loss name or alias, as in GET /v1/activations and GET /v1/losses.
        params (TargetParams | Unset): The function's parameters by name or alias, e.g. {"alpha": 0.2}.
    """

    kind: TargetKind
    name: str
    params: TargetParams | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind: str = self.kind

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
        from ..models.target_params import TargetParams  # noqa: PLC0415

        d = dict(src_dict)
        kind = check_target_kind(d.pop("kind"))

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: TargetParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = TargetParams.from_dict(_params)

        target = cls(
            kind=kind,
            name=name,
            params=params,
        )

        return target
