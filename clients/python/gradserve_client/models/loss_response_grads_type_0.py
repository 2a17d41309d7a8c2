from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor


T = TypeVar("T", bound="LossResponseGradsType0")


@_attrs_define
class LossResponseGradsType0:
    additional_properties: dict[
        str, B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, str):
                field_dict[prop_name] = prop
            elif isinstance(prop, list):
                field_dict[prop_name] = []
                for componentsschemas_nested_tensor_item_data in prop:
                    componentsschemas_nested_tensor_item: float | list[Any] | str
                    if isinstance(componentsschemas_nested_tensor_item_data, str):
                        componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                    elif isinstance(componentsschemas_nested_tensor_item_data, list):
                        componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                    else:
                        componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                    field_dict[prop_name].append(componentsschemas_nested_tensor_item)

            elif isinstance(prop, FlatTensor):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, B64Tensor):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        d = dict(src_dict)
        loss_response_grads_type_0 = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_tensor_type_1 = check_non_finite_number(data)

                    return componentsschemas_tensor_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_tensor_type_2 = []
                    _componentsschemas_tensor_type_2 = data
                    for componentsschemas_nested_tensor_item_data in _componentsschemas_tensor_type_2:

                        def _parse_componentsschemas_nested_tensor_item(
                            data: object,
                        ) -> float | list[Any] | NonFiniteNumber:
                            try:
                                if not isinstance(data, str):
                                    raise TypeError()
                                componentsschemas_nested_tensor_item_type_1 = check_non_finite_number(data)

                                return componentsschemas_nested_tensor_item_type_1
                            except (TypeError, ValueError, AttributeError, KeyError):
                                pass
                            try:
                                if not isinstance(data, list):
                                    raise TypeError()
                                componentsschemas_nested_tensor_item_type_2 = cast(list[Any], data)

                                return componentsschemas_nested_tensor_item_type_2
                            except (TypeError, ValueError, AttributeError, KeyError):
                                pass
                            return cast(float | list[Any] | NonFiniteNumber, data)

                        componentsschemas_nested_tensor_item = _parse_componentsschemas_nested_tensor_item(
                            componentsschemas_nested_tensor_item_data
                        )

                        componentsschemas_tensor_type_2.append(componentsschemas_nested_tensor_item)

                    return componentsschemas_tensor_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_tensor_type_3 = FlatTensor.from_dict(data)

                    return componentsschemas_tensor_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_tensor_type_4 = B64Tensor.from_dict(data)

                    return componentsschemas_tensor_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(
                    B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber, data
                )

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        loss_response_grads_type_0.additional_properties = additional_properties
        return loss_response_grads_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber:
        return self.additional_properties[key]

    def __setitem__(
        self,
        key: str,
        value: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | NonFiniteNumber,
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
