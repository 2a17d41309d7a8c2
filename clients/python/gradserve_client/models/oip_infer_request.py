from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oip_infer_request_parameters_type_0 import OipInferRequestParametersType0
    from ..models.oip_request_input import OipRequestInput
    from ..models.oip_request_output import OipRequestOutput


T = TypeVar("T", bound="OipInferRequest")


@_attrs_define
class OipInferRequest:
    """An inference request (the JSON header). Everything that is not a tensor is a
    parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
    `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
    `schedule.name`), pairs by index (`etas.0`, `etas.1`).

        Attributes:
            inputs (list[OipRequestInput]): The input tensors.
            id (None | str | Unset): Echoed in the response.
            parameters (None | OipInferRequestParametersType0 | Unset): Request parameters; `binary_data_output: true`
                returns every output in binary.
            binary_data_output (bool | None | Unset): As `parameters.binary_data_output` (either place; when both are given
                they must agree).
            outputs (list[OipRequestOutput] | None | Unset): The outputs wanted (default: the model's default outputs).
    """

    inputs: list[OipRequestInput]
    id: None | str | Unset = UNSET
    parameters: None | OipInferRequestParametersType0 | Unset = UNSET
    binary_data_output: bool | None | Unset = UNSET
    outputs: list[OipRequestOutput] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.oip_infer_request_parameters_type_0 import OipInferRequestParametersType0  # noqa: PLC0415

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, OipInferRequestParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        binary_data_output: bool | None | Unset
        if isinstance(self.binary_data_output, Unset):
            binary_data_output = UNSET
        else:
            binary_data_output = self.binary_data_output

        outputs: list[dict[str, Any]] | None | Unset
        if isinstance(self.outputs, Unset):
            outputs = UNSET
        elif isinstance(self.outputs, list):
            outputs = []
            for outputs_type_0_item_data in self.outputs:
                outputs_type_0_item = outputs_type_0_item_data.to_dict()
                outputs.append(outputs_type_0_item)

        else:
            outputs = self.outputs

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "inputs": inputs,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if binary_data_output is not UNSET:
            field_dict["binary_data_output"] = binary_data_output
        if outputs is not UNSET:
            field_dict["outputs"] = outputs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oip_infer_request_parameters_type_0 import OipInferRequestParametersType0  # noqa: PLC0415
        from ..models.oip_request_input import OipRequestInput  # noqa: PLC0415
        from ..models.oip_request_output import OipRequestOutput  # noqa: PLC0415

        d = dict(src_dict)
        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = OipRequestInput.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_parameters(data: object) -> None | OipInferRequestParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = OipInferRequestParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OipInferRequestParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        def _parse_binary_data_output(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        binary_data_output = _parse_binary_data_output(d.pop("binary_data_output", UNSET))

        def _parse_outputs(data: object) -> list[OipRequestOutput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                outputs_type_0 = []
                _outputs_type_0 = data
                for outputs_type_0_item_data in _outputs_type_0:
                    outputs_type_0_item = OipRequestOutput.from_dict(outputs_type_0_item_data)

                    outputs_type_0.append(outputs_type_0_item)

                return outputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OipRequestOutput] | None | Unset, data)

        outputs = _parse_outputs(d.pop("outputs", UNSET))

        oip_infer_request = cls(
            inputs=inputs,
            id=id,
            parameters=parameters,
            binary_data_output=binary_data_output,
            outputs=outputs,
        )

        return oip_infer_request
