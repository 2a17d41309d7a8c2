from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.verify_target_kind import VerifyTargetKind, check_verify_target_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verify_target_params import VerifyTargetParams


T = TypeVar("T", bound="VerifyTarget")


@_attrs_define
class VerifyTarget:
    """
    Attributes:
        kind (VerifyTargetKind): What the client implemented: an activation, a loss, or one optimizer step.
        name (str): Activation, loss or optimizer name or alias.
        params (VerifyTargetParams | Unset): The function's parameters (activation/loss), or the optimizer's
            hyperparameters (same as `hyperparams`; give one or the other).
    """

    kind: VerifyTargetKind
    name: str
    params: VerifyTargetParams | Unset = UNSET

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
        from ..models.verify_target_params import VerifyTargetParams  # noqa: PLC0415

        d = dict(src_dict)
        kind = check_verify_target_kind(d.pop("kind"))

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: VerifyTargetParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = VerifyTargetParams.from_dict(_params)

        verify_target = cls(
            kind=kind,
            name=name,
            params=params,
        )

        return verify_target
