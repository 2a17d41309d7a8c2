from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verify_response_dtype import VerifyResponseDtype, check_verify_response_dtype

if TYPE_CHECKING:
    from ..models.verify_response_outputs import VerifyResponseOutputs
    from ..models.verify_response_target import VerifyResponseTarget
    from ..models.verify_response_tolerance import VerifyResponseTolerance


T = TypeVar("T", bound="VerifyResponse")


@_attrs_define
class VerifyResponse:
    """
    Attributes:
        passed (bool): Every output sent passed.
        outputs (VerifyResponseOutputs): Per output: value, derivative, jacobian, vjp, param_grads.<name>; loss, grad,
            per_sample; params[.<path>] and state.slots.<slot>[.<path>] for optimizers.
        dtype (VerifyResponseDtype): The client's dtype, in which ULPs were counted.
        tolerance (VerifyResponseTolerance):
        target (VerifyResponseTarget): The target, with parameters resolved.
    """

    passed: bool
    outputs: VerifyResponseOutputs
    dtype: VerifyResponseDtype
    tolerance: VerifyResponseTolerance
    target: VerifyResponseTarget
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passed = self.passed

        outputs = self.outputs.to_dict()

        dtype: str = self.dtype

        tolerance = self.tolerance.to_dict()

        target = self.target.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passed": passed,
                "outputs": outputs,
                "dtype": dtype,
                "tolerance": tolerance,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verify_response_outputs import VerifyResponseOutputs  # noqa: PLC0415
        from ..models.verify_response_target import VerifyResponseTarget  # noqa: PLC0415
        from ..models.verify_response_tolerance import VerifyResponseTolerance  # noqa: PLC0415

        d = dict(src_dict)
        passed = d.pop("passed")

        outputs = VerifyResponseOutputs.from_dict(d.pop("outputs"))

        dtype = check_verify_response_dtype(d.pop("dtype"))

        tolerance = VerifyResponseTolerance.from_dict(d.pop("tolerance"))

        target = VerifyResponseTarget.from_dict(d.pop("target"))

        verify_response = cls(
            passed=passed,
            outputs=outputs,
            dtype=dtype,
            tolerance=tolerance,
            target=target,
        )

        verify_response.additional_properties = d
        return verify_response

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
