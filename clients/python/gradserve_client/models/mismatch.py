from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

T = TypeVar("T", bound="Mismatch")


@_attrs_define
class Mismatch:
    """
    Attributes:
        index (list[int]): Row-major index of the element.
        client (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        reference (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        ulp (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
    """

    index: list[int]
    client: float | NonFiniteNumber
    reference: float | NonFiniteNumber
    ulp: float | NonFiniteNumber
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        client: float | str
        if isinstance(self.client, str):
            client = self.client
        else:
            client = self.client

        reference: float | str
        if isinstance(self.reference, str):
            reference = self.reference
        else:
            reference = self.reference

        ulp: float | str
        if isinstance(self.ulp, str):
            ulp = self.ulp
        else:
            ulp = self.ulp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "client": client,
                "reference": reference,
                "ulp": ulp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        index = cast(list[int], d.pop("index"))

        def _parse_client(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        client = _parse_client(d.pop("client"))

        def _parse_reference(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_ulp(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        ulp = _parse_ulp(d.pop("ulp"))

        mismatch = cls(
            index=index,
            client=client,
            reference=reference,
            ulp=ulp,
        )

        mismatch.additional_properties = d
        return mismatch

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
