from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.curve_response_params import CurveResponseParams


T = TypeVar("T", bound="CurveResponse")


@_attrs_define
class CurveResponse:
    """
    Attributes:
        name (str):
        params (CurveResponseParams): The parameters in force, defaults filled in.
        x (list[Any]):
        value (list[Any]):
        derivative (list[Any]):
    """

    name: str
    params: CurveResponseParams
    x: list[Any]
    value: list[Any]
    derivative: list[Any]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        params = self.params.to_dict()

        x = self.x

        value = self.value

        derivative = self.derivative

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "params": params,
                "x": x,
                "value": value,
                "derivative": derivative,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_response_params import CurveResponseParams  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        params = CurveResponseParams.from_dict(d.pop("params"))

        x = cast(list[Any], d.pop("x"))

        value = cast(list[Any], d.pop("value"))

        derivative = cast(list[Any], d.pop("derivative"))

        curve_response = cls(
            name=name,
            params=params,
            x=x,
            value=value,
            derivative=derivative,
        )

        curve_response.additional_properties = d
        return curve_response

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
