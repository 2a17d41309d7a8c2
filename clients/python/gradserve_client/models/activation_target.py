from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_target_params import ActivationTargetParams


T = TypeVar("T", bound="ActivationTarget")


@_attrs_define
class ActivationTarget:
    """A registered activation; its input is `x`.

    Attributes:
        kind (Literal['activation']): A registered activation (input `x`).
        name (str): Activation name or alias, as in GET /v1/activations.
        params (ActivationTargetParams | Unset): The function's parameters by name or alias, e.g. {"alpha": 0.2}.
    """

    kind: Literal["activation"]
    name: str
    params: ActivationTargetParams | Unset = UNSET

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
        from ..models.activation_target_params import ActivationTargetParams  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["activation"], d.pop("kind"))
        if kind != "activation":
            raise ValueError(f"kind must match const 'activation', got '{kind}'")

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: ActivationTargetParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ActivationTargetParams.from_dict(_params)

        activation_target = cls(
            kind=kind,
            name=name,
            params=params,
        )

        return activation_target
