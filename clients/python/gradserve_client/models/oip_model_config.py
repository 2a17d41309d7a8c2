from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_config_input import OipConfigInput
    from ..models.oip_config_output import OipConfigOutput
    from ..models.oip_version_policy import OipVersionPolicy


T = TypeVar("T", bound="OipModelConfig")


@_attrs_define
class OipModelConfig:
    """A model's configuration in Triton's JSON form (the model configuration extension, as
    tritonclient's `get_model_config()` reads it): what the model metadata says, in
    Triton's model-config field names and TYPE_ datatypes.

        Attributes:
            name (str): The canonical model name, e.g. activations.sigmoid.
            platform (str): gradserve
            backend (str): gradserve
            version_policy (OipVersionPolicy): Which versions are served: {"latest": {"num_versions": 1}}.
            input_ (list[OipConfigInput]):
            output (list[OipConfigOutput]):
            max_batch_size (int | Unset): 0: the model batches nothing itself; shapes are given whole. Default: 0.
    """

    name: str
    platform: str
    backend: str
    version_policy: OipVersionPolicy
    input_: list[OipConfigInput]
    output: list[OipConfigOutput]
    max_batch_size: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        platform = self.platform

        backend = self.backend

        version_policy = self.version_policy.to_dict()

        input_ = []
        for input_item_data in self.input_:
            input_item = input_item_data.to_dict()
            input_.append(input_item)

        output = []
        for output_item_data in self.output:
            output_item = output_item_data.to_dict()
            output.append(output_item)

        max_batch_size = self.max_batch_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "platform": platform,
                "backend": backend,
                "version_policy": version_policy,
                "input": input_,
                "output": output,
            }
        )
        if max_batch_size is not UNSET:
            field_dict["max_batch_size"] = max_batch_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_config_input import OipConfigInput  # noqa: PLC0415
        from ..models.oip_config_output import OipConfigOutput  # noqa: PLC0415
        from ..models.oip_version_policy import OipVersionPolicy  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        platform = d.pop("platform")

        backend = d.pop("backend")

        version_policy = OipVersionPolicy.from_dict(d.pop("version_policy"))

        input_ = []
        _input_ = d.pop("input")
        for input_item_data in _input_:
            input_item = OipConfigInput.from_dict(input_item_data)

            input_.append(input_item)

        output = []
        _output = d.pop("output")
        for output_item_data in _output:
            output_item = OipConfigOutput.from_dict(output_item_data)

            output.append(output_item)

        max_batch_size = d.pop("max_batch_size", UNSET)

        oip_model_config = cls(
            name=name,
            platform=platform,
            backend=backend,
            version_policy=version_policy,
            input_=input_,
            output=output,
            max_batch_size=max_batch_size,
        )

        oip_model_config.additional_properties = d
        return oip_model_config

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
