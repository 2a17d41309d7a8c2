from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_layer_params import ActivationLayerParams


T = TypeVar("T", bound="ActivationLayer")


@_attrs_define
class ActivationLayer:
    """A catalog activation along the last axis (elementwise or vector, e.g. softmax).

    Attributes:
        type_ (Literal['activation']): An activation function.
        name (str): The activation: a catalog name or alias (GET /v1/activations); an unknown name is a 404.
        params (ActivationLayerParams | Unset): Its parameters by name or alias, e.g. {"alpha": 0.2}; PReLU's alpha may
            be a tensor with one value per feature.
        layer_name (None | str | Unset): The layer's name (`name` is the activation here); default its position.
    """

    type_: Literal["activation"]
    name: str
    params: ActivationLayerParams | Unset = UNSET
    layer_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        name = self.name

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        layer_name: None | str | Unset
        if isinstance(self.layer_name, Unset):
            layer_name = UNSET
        else:
            layer_name = self.layer_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "name": name,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if layer_name is not UNSET:
            field_dict["layer_name"] = layer_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_layer_params import ActivationLayerParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["activation"], d.pop("type"))
        if type_ != "activation":
            raise ValueError(f"type must match const 'activation', got '{type_}'")

        name = d.pop("name")

        _params = d.pop("params", UNSET)
        params: ActivationLayerParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ActivationLayerParams.from_dict(_params)

        def _parse_layer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        layer_name = _parse_layer_name(d.pop("layer_name", UNSET))

        activation_layer = cls(
            type_=type_,
            name=name,
            params=params,
            layer_name=layer_name,
        )

        return activation_layer
