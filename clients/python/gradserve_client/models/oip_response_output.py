from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.oip_response_output_data_item_type_1 import (
    OipResponseOutputDataItemType1,
    check_oip_response_output_data_item_type_1,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_response_output_parameters_type_0 import OipResponseOutputParametersType0


T = TypeVar("T", bound="OipResponseOutput")


@_attrs_define
class OipResponseOutput:
    """
    Attributes:
        name (str):
        datatype (str): FP64 or FP32: the dtype the computation ran in.
        shape (list[int]):
        parameters (None | OipResponseOutputParametersType0 | Unset): `binary_data_size` when the output's bytes follow
            the header.
        data (list[float | OipResponseOutputDataItemType1] | Unset): Flat row-major values (absent when binary).
    """

    name: str
    datatype: str
    shape: list[int]
    parameters: None | OipResponseOutputParametersType0 | Unset = UNSET
    data: list[float | OipResponseOutputDataItemType1] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.oip_response_output_parameters_type_0 import OipResponseOutputParametersType0  # noqa: PLC0415

        name = self.name

        datatype = self.datatype

        shape = self.shape

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, OipResponseOutputParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        data: list[float | str] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item: float | str
                if isinstance(data_item_data, str):
                    data_item = data_item_data
                else:
                    data_item = data_item_data
                data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "datatype": datatype,
                "shape": shape,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_response_output_parameters_type_0 import OipResponseOutputParametersType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        datatype = d.pop("datatype")

        shape = cast(list[int], d.pop("shape"))

        def _parse_parameters(data: object) -> None | OipResponseOutputParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = OipResponseOutputParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OipResponseOutputParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        _data = d.pop("data", UNSET)
        data: list[float | OipResponseOutputDataItemType1] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:

                def _parse_data_item(data: object) -> float | OipResponseOutputDataItemType1:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        data_item_type_1 = check_oip_response_output_data_item_type_1(data)

                        return data_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(float | OipResponseOutputDataItemType1, data)

                data_item = _parse_data_item(data_item_data)

                data.append(data_item)

        oip_response_output = cls(
            name=name,
            datatype=datatype,
            shape=shape,
            parameters=parameters,
            data=data,
        )

        oip_response_output.additional_properties = d
        return oip_response_output

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
