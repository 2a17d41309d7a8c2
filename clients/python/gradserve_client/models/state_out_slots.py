from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.state_out_slots_additional_property_tensor_type_0_type_1 import (
    StateOutSlotsAdditionalPropertyTensorType0Type1,
    check_state_out_slots_additional_property_tensor_type_0_type_1,
)

if TYPE_CHECKING:
    from ..models.state_out_slots_additional_property_type_1 import StateOutSlotsAdditionalPropertyType1
    from ..models.state_out_slots_b64_tensor import StateOutSlotsB64Tensor
    from ..models.state_out_slots_flat_tensor import StateOutSlotsFlatTensor


T = TypeVar("T", bound="StateOutSlots")


@_attrs_define
class StateOutSlots:
    """Named slots, each shaped like params."""

    additional_properties: dict[
        str,
        float
        | list[Any]
        | StateOutSlotsAdditionalPropertyTensorType0Type1
        | StateOutSlotsAdditionalPropertyType1
        | StateOutSlotsB64Tensor
        | StateOutSlotsFlatTensor,
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.state_out_slots_additional_property_type_1 import StateOutSlotsAdditionalPropertyType1  # noqa: PLC0415
        from ..models.state_out_slots_b64_tensor import StateOutSlotsB64Tensor  # noqa: PLC0415
        from ..models.state_out_slots_flat_tensor import StateOutSlotsFlatTensor  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, str):
                field_dict[prop_name] = prop
            elif isinstance(prop, list):
                field_dict[prop_name] = prop

            elif isinstance(prop, StateOutSlotsFlatTensor):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, StateOutSlotsB64Tensor):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, StateOutSlotsAdditionalPropertyType1):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_out_slots_additional_property_type_1 import StateOutSlotsAdditionalPropertyType1  # noqa: PLC0415
        from ..models.state_out_slots_b64_tensor import StateOutSlotsB64Tensor  # noqa: PLC0415
        from ..models.state_out_slots_flat_tensor import StateOutSlotsFlatTensor  # noqa: PLC0415

        d = dict(src_dict)
        state_out_slots = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> (
                float
                | list[Any]
                | StateOutSlotsAdditionalPropertyTensorType0Type1
                | StateOutSlotsAdditionalPropertyType1
                | StateOutSlotsB64Tensor
                | StateOutSlotsFlatTensor
            ):
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    additional_property_tensor_type_0_type_1 = (
                        check_state_out_slots_additional_property_tensor_type_0_type_1(data)
                    )

                    return additional_property_tensor_type_0_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    additional_property_tensor_type_1 = cast(list[Any], data)

                    return additional_property_tensor_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_tensor_flat_tensor = StateOutSlotsFlatTensor.from_dict(data)

                    return additional_property_tensor_flat_tensor
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_tensor_b64_tensor = StateOutSlotsB64Tensor.from_dict(data)

                    return additional_property_tensor_b64_tensor
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_type_1 = StateOutSlotsAdditionalPropertyType1.from_dict(data)

                    return additional_property_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(
                    float
                    | list[Any]
                    | StateOutSlotsAdditionalPropertyTensorType0Type1
                    | StateOutSlotsAdditionalPropertyType1
                    | StateOutSlotsB64Tensor
                    | StateOutSlotsFlatTensor,
                    data,
                )

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        state_out_slots.additional_properties = additional_properties
        return state_out_slots

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> (
        float
        | list[Any]
        | StateOutSlotsAdditionalPropertyTensorType0Type1
        | StateOutSlotsAdditionalPropertyType1
        | StateOutSlotsB64Tensor
        | StateOutSlotsFlatTensor
    ):
        return self.additional_properties[key]

    def __setitem__(
        self,
        key: str,
        value: float
        | list[Any]
        | StateOutSlotsAdditionalPropertyTensorType0Type1
        | StateOutSlotsAdditionalPropertyType1
        | StateOutSlotsB64Tensor
        | StateOutSlotsFlatTensor,
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
