from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_request_output_parameters_type_0 import OipRequestOutputParametersType0


T = TypeVar("T", bound="OipRequestOutput")


@_attrs_define
class OipRequestOutput:
    """One wanted output; `parameters.binary_data: true` returns it as bytes.

    Attributes:
        name (str): Output name: value, derivative, loss, grad, params.w, ...
        parameters (None | OipRequestOutputParametersType0 | Unset): `binary_data` (boolean): return this output in the
            binary part.
    """

    name: str
    parameters: None | OipRequestOutputParametersType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.oip_request_output_parameters_type_0 import OipRequestOutputParametersType0  # noqa: PLC0415

        name = self.name

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, OipRequestOutputParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_request_output_parameters_type_0 import OipRequestOutputParametersType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_parameters(data: object) -> None | OipRequestOutputParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = OipRequestOutputParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OipRequestOutputParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        oip_request_output = cls(
            name=name,
            parameters=parameters,
        )

        return oip_request_output
