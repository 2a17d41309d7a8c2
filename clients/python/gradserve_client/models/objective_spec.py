from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.objective_spec_params import ObjectiveSpecParams


T = TypeVar("T", bound="ObjectiveSpec")


@_attrs_define
class ObjectiveSpec:
    """
    Attributes:
        name (str): Objective name: rosenbrock, beale, himmelblau, saddle, quadratic, rastrigin, booth.
        params (ObjectiveSpecParams | Unset): Objective parameters, e.g. {'kappa': 100} for quadratic, {'a', 'b'} for
            rosenbrock, {'A'} for rastrigin.
    """

    name: str
    params: ObjectiveSpecParams | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.objective_spec_params import ObjectiveSpecParams  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: ObjectiveSpecParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ObjectiveSpecParams.from_dict(_params)

        objective_spec = cls(
            name=name,
            params=params,
        )

        return objective_spec
