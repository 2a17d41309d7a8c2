from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.oip_request_input_data_item_type_1 import (
    OipRequestInputDataItemType1,
    check_oip_request_input_data_item_type_1,
)
from ..models.oip_request_input_datatype import OipRequestInputDatatype, check_oip_request_input_datatype
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_request_input_parameters_type_0 import OipRequestInputParametersType0


T = TypeVar("T", bound="OipRequestInput")


@_attrs_define
class OipRequestInput:
    """One input tensor: JSON `data`, or `parameters.binary_data_size` bytes after the header.

    Attributes:
        name (str): Input name: x, grad_output, y_pred, params.w, ...
        shape (list[int]): Dimensions (row-major); [] for a scalar.
        datatype (OipRequestInputDatatype): FP64, FP32 or FP16 (computed as float32); INT64/INT32 for class indices.
        parameters (None | OipRequestInputParametersType0 | Unset): `binary_data_size`: the number of bytes of this
            input in the binary part of the body (Triton's binary tensor data extension).
        data (list[float | OipRequestInputDataItemType1] | Unset): Flat row-major values (absent when the data is
            binary).
    """

    name: str
    shape: list[int]
    datatype: OipRequestInputDatatype
    parameters: None | OipRequestInputParametersType0 | Unset = UNSET
    data: list[float | OipRequestInputDataItemType1] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.oip_request_input_parameters_type_0 import OipRequestInputParametersType0  # noqa: PLC0415

        name = self.name

        shape = self.shape

        datatype: str = self.datatype

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, OipRequestInputParametersType0):
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

        field_dict.update(
            {
                "name": name,
                "shape": shape,
                "datatype": datatype,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_request_input_parameters_type_0 import OipRequestInputParametersType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        shape = cast(list[int], d.pop("shape"))

        datatype = check_oip_request_input_datatype(d.pop("datatype"))

        def _parse_parameters(data: object) -> None | OipRequestInputParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = OipRequestInputParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OipRequestInputParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        _data = d.pop("data", UNSET)
        data: list[float | OipRequestInputDataItemType1] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:

                def _parse_data_item(data: object) -> float | OipRequestInputDataItemType1:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        data_item_type_1 = check_oip_request_input_data_item_type_1(data)

                        return data_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(float | OipRequestInputDataItemType1, data)

                data_item = _parse_data_item(data_item_data)

                data.append(data_item)

        oip_request_input = cls(
            name=name,
            shape=shape,
            datatype=datatype,
            parameters=parameters,
            data=data,
        )

        return oip_request_input
