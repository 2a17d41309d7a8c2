from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.optimizer_target_params import OptimizerTargetParams


T = TypeVar("T", bound="OptimizerTarget")


@_attrs_define
class OptimizerTarget:
    """One step of a registered optimizer.

    Attributes:
        kind (Literal['optimizer']): One step of a registered optimizer.
        name (str): Optimizer name or alias, as in GET /v1/optimizers.
        params (OptimizerTargetParams | Unset): The optimizer's hyperparameters (the same as `hyperparams`; give one or
            the other).
    """

    kind: Literal["optimizer"]
    name: str
    params: OptimizerTargetParams | Unset = UNSET

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
        from ..models.optimizer_target_params import OptimizerTargetParams  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["optimizer"], d.pop("kind"))
        if kind != "optimizer":
            raise ValueError(f"kind must match const 'optimizer', got '{kind}'")

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: OptimizerTargetParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = OptimizerTargetParams.from_dict(_params)

        optimizer_target = cls(
            kind=kind,
            name=name,
            params=params,
        )

        return optimizer_target
