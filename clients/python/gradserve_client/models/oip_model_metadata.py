from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_parameter_metadata import OipParameterMetadata
    from ..models.oip_tensor_metadata import OipTensorMetadata


T = TypeVar("T", bound="OipModelMetadata")


@_attrs_define
class OipModelMetadata:
    """
    Attributes:
        name (str): The canonical model name, e.g. activations.sigmoid.
        versions (list[str]):
        platform (str):
        inputs (list[OipTensorMetadata]):
        outputs (list[OipTensorMetadata]):
        parameters (list[OipParameterMetadata] | Unset): Request parameters the model accepts (gradserve).
    """

    name: str
    versions: list[str]
    platform: str
    inputs: list[OipTensorMetadata]
    outputs: list[OipTensorMetadata]
    parameters: list[OipParameterMetadata] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        versions = self.versions

        platform = self.platform

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "versions": versions,
                "platform": platform,
                "inputs": inputs,
                "outputs": outputs,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_parameter_metadata import OipParameterMetadata  # noqa: PLC0415
        from ..models.oip_tensor_metadata import OipTensorMetadata  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        versions = cast(list[str], d.pop("versions"))

        platform = d.pop("platform")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = OipTensorMetadata.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in _outputs:
            outputs_item = OipTensorMetadata.from_dict(outputs_item_data)

            outputs.append(outputs_item)

        _parameters = d.pop("parameters", UNSET)
        parameters: list[OipParameterMetadata] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = OipParameterMetadata.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        oip_model_metadata = cls(
            name=name,
            versions=versions,
            platform=platform,
            inputs=inputs,
            outputs=outputs,
            parameters=parameters,
        )

        oip_model_metadata.additional_properties = d
        return oip_model_metadata

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
