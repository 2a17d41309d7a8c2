from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VerifyTolerance")


@_attrs_define
class VerifyTolerance:
    """
    Attributes:
        ulp (float | Unset): Units in the last place of the client's dtype an element may be off. Default: 4.0.
        atol (float | None | Unset): Absolute tolerance; default: `ulp` ULPs of the largest finite reference magnitude
            of the same output, so cancellation near zero is not an error.
        max_listed (int | Unset): How many mismatches to list per output (0–1000). Default: 10.
    """

    ulp: float | Unset = 4.0
    atol: float | None | Unset = UNSET
    max_listed: int | Unset = 10

    def to_dict(self) -> dict[str, Any]:
        ulp = self.ulp

        atol: float | None | Unset
        if isinstance(self.atol, Unset):
            atol = UNSET
        else:
            atol = self.atol

        max_listed = self.max_listed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ulp is not UNSET:
            field_dict["ulp"] = ulp
        if atol is not UNSET:
            field_dict["atol"] = atol
        if max_listed is not UNSET:
            field_dict["max_listed"] = max_listed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ulp = d.pop("ulp", UNSET)

        def _parse_atol(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        atol = _parse_atol(d.pop("atol", UNSET))

        max_listed = d.pop("max_listed", UNSET)

        verify_tolerance = cls(
            ulp=ulp,
            atol=atol,
            max_listed=max_listed,
        )

        return verify_tolerance
