from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_response_params_tensor_type_0_type_1 import (
    StepResponseParamsTensorType0Type1,
    check_step_response_params_tensor_type_0_type_1,
)

if TYPE_CHECKING:
    from ..models.state_out import StateOut
    from ..models.step_response_b64_tensor import StepResponseB64Tensor
    from ..models.step_response_flat_tensor import StepResponseFlatTensor
    from ..models.step_response_params_type_1 import StepResponseParamsType1
    from ..models.step_stats import StepStats


T = TypeVar("T", bound="StepResponse")


@_attrs_define
class StepResponse:
    """
    Attributes:
        params (float | list[Any] | StepResponseB64Tensor | StepResponseFlatTensor | StepResponseParamsTensorType0Type1
            | StepResponseParamsType1): Updated parameters, same structure as sent.
        state (StateOut):
        stats (StepStats):
    """

    params: (
        float
        | list[Any]
        | StepResponseB64Tensor
        | StepResponseFlatTensor
        | StepResponseParamsTensorType0Type1
        | StepResponseParamsType1
    )
    state: StateOut
    stats: StepStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.step_response_b64_tensor import StepResponseB64Tensor  # noqa: PLC0415
        from ..models.step_response_flat_tensor import StepResponseFlatTensor  # noqa: PLC0415
        from ..models.step_response_params_type_1 import StepResponseParamsType1  # noqa: PLC0415

        params: dict[str, Any] | float | list[Any] | str
        if isinstance(self.params, str):
            params = self.params
        elif isinstance(self.params, list):
            params = self.params

        elif isinstance(self.params, StepResponseFlatTensor):
            params = self.params.to_dict()
        elif isinstance(self.params, StepResponseB64Tensor):
            params = self.params.to_dict()
        elif isinstance(self.params, StepResponseParamsType1):
            params = self.params.to_dict()
        else:
            params = self.params

        state = self.state.to_dict()

        stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "params": params,
                "state": state,
                "stats": stats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_out import StateOut  # noqa: PLC0415
        from ..models.step_response_b64_tensor import StepResponseB64Tensor  # noqa: PLC0415
        from ..models.step_response_flat_tensor import StepResponseFlatTensor  # noqa: PLC0415
        from ..models.step_response_params_type_1 import StepResponseParamsType1  # noqa: PLC0415
        from ..models.step_stats import StepStats  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_params(
            data: object,
        ) -> (
            float
            | list[Any]
            | StepResponseB64Tensor
            | StepResponseFlatTensor
            | StepResponseParamsTensorType0Type1
            | StepResponseParamsType1
        ):
            try:
                if not isinstance(data, str):
                    raise TypeError()
                params_tensor_type_0_type_1 = check_step_response_params_tensor_type_0_type_1(data)

                return params_tensor_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                params_tensor_type_1 = cast(list[Any], data)

                return params_tensor_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_tensor_flat_tensor = StepResponseFlatTensor.from_dict(data)

                return params_tensor_flat_tensor
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_tensor_b64_tensor = StepResponseB64Tensor.from_dict(data)

                return params_tensor_b64_tensor
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_1 = StepResponseParamsType1.from_dict(data)

                return params_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                float
                | list[Any]
                | StepResponseB64Tensor
                | StepResponseFlatTensor
                | StepResponseParamsTensorType0Type1
                | StepResponseParamsType1,
                data,
            )

        params = _parse_params(d.pop("params"))

        state = StateOut.from_dict(d.pop("state"))

        stats = StepStats.from_dict(d.pop("stats"))

        step_response = cls(
            params=params,
            state=state,
            stats=stats,
        )

        step_response.additional_properties = d
        return step_response

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
