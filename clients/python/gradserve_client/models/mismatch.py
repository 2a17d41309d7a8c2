from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mismatch_client_type_1 import MismatchClientType1, check_mismatch_client_type_1
from ..models.mismatch_reference_type_1 import MismatchReferenceType1, check_mismatch_reference_type_1
from ..models.mismatch_ulp_type_1 import MismatchUlpType1, check_mismatch_ulp_type_1

T = TypeVar("T", bound="Mismatch")


@_attrs_define
class Mismatch:
    """
    Attributes:
        index (list[int]): Row-major index of the element.
        client (float | MismatchClientType1): The client's value.
        reference (float | MismatchReferenceType1): The float64 reference.
        ulp (float | MismatchUlpType1): Their distance in ULPs of the client's dtype.
    """

    index: list[int]
    client: float | MismatchClientType1
    reference: float | MismatchReferenceType1
    ulp: float | MismatchUlpType1
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

        def _parse_client(data: object) -> float | MismatchClientType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_type_1 = check_mismatch_client_type_1(data)

                return client_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | MismatchClientType1, data)

        client = _parse_client(d.pop("client"))

        def _parse_reference(data: object) -> float | MismatchReferenceType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reference_type_1 = check_mismatch_reference_type_1(data)

                return reference_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | MismatchReferenceType1, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_ulp(data: object) -> float | MismatchUlpType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ulp_type_1 = check_mismatch_ulp_type_1(data)

                return ulp_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | MismatchUlpType1, data)

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
