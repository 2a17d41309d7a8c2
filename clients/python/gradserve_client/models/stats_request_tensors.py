from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stats_request_tensors_additional_property_type_0_type_1 import (
    StatsRequestTensorsAdditionalPropertyType0Type1,
    check_stats_request_tensors_additional_property_type_0_type_1,
)

if TYPE_CHECKING:
    from ..models.stats_request_tensors_b64_tensor import StatsRequestTensorsB64Tensor
    from ..models.stats_request_tensors_flat_tensor import StatsRequestTensorsFlatTensor


T = TypeVar("T", bound="StatsRequestTensors")


@_attrs_define
class StatsRequestTensors:
    """Named gradient tensors (b64 is the fast path for large ones)."""

    additional_properties: dict[
        str,
        float
        | list[Any]
        | StatsRequestTensorsAdditionalPropertyType0Type1
        | StatsRequestTensorsB64Tensor
        | StatsRequestTensorsFlatTensor,
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.stats_request_tensors_b64_tensor import StatsRequestTensorsB64Tensor  # noqa: PLC0415
        from ..models.stats_request_tensors_flat_tensor import StatsRequestTensorsFlatTensor  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, str):
                field_dict[prop_name] = prop
            elif isinstance(prop, list):
                field_dict[prop_name] = prop

            elif isinstance(prop, StatsRequestTensorsFlatTensor):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, StatsRequestTensorsB64Tensor):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_request_tensors_b64_tensor import StatsRequestTensorsB64Tensor  # noqa: PLC0415
        from ..models.stats_request_tensors_flat_tensor import StatsRequestTensorsFlatTensor  # noqa: PLC0415

        d = dict(src_dict)
        stats_request_tensors = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> (
                float
                | list[Any]
                | StatsRequestTensorsAdditionalPropertyType0Type1
                | StatsRequestTensorsB64Tensor
                | StatsRequestTensorsFlatTensor
            ):
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    additional_property_type_0_type_1 = check_stats_request_tensors_additional_property_type_0_type_1(
                        data
                    )

                    return additional_property_type_0_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    additional_property_type_1 = cast(list[Any], data)

                    return additional_property_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_flat_tensor = StatsRequestTensorsFlatTensor.from_dict(data)

                    return additional_property_flat_tensor
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_b64_tensor = StatsRequestTensorsB64Tensor.from_dict(data)

                    return additional_property_b64_tensor
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(
                    float
                    | list[Any]
                    | StatsRequestTensorsAdditionalPropertyType0Type1
                    | StatsRequestTensorsB64Tensor
                    | StatsRequestTensorsFlatTensor,
                    data,
                )

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        stats_request_tensors.additional_properties = additional_properties
        return stats_request_tensors

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> (
        float
        | list[Any]
        | StatsRequestTensorsAdditionalPropertyType0Type1
        | StatsRequestTensorsB64Tensor
        | StatsRequestTensorsFlatTensor
    ):
        return self.additional_properties[key]

    def __setitem__(
        self,
        key: str,
        value: float
        | list[Any]
        | StatsRequestTensorsAdditionalPropertyType0Type1
        | StatsRequestTensorsB64Tensor
        | StatsRequestTensorsFlatTensor,
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
