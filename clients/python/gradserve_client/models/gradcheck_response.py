from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gradcheck_response_mode import GradcheckResponseMode, check_gradcheck_response_mode
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.gradcheck_response_checks import GradcheckResponseChecks
    from ..models.gradcheck_response_skipped import GradcheckResponseSkipped
    from ..models.worst import Worst


T = TypeVar("T", bound="GradcheckResponse")


@_attrs_define
class GradcheckResponse:
    """
    Attributes:
        passed (bool): Every check passed.
        max_abs_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        max_rel_error (float | NonFiniteNumber): A float: a JSON number, or "NaN", "Infinity", "-Infinity".
        worst_index (list[int] | None): The entry furthest outside the tolerance: an index of x (elementwise mode), of
            the Jacobian y.shape + x.shape (full mode; y_pred.shape for a loss), or the direction's number (projections).
        worst (None | Worst): That entry's analytic and numeric values.
        analytic (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber):
            The analytic gradient when small: f'(x) (elementwise), the Jacobian from the backward pass (y.shape + x.shape),
            or dL/dy_pred; null for projections.
        numeric (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber):
            The central-difference counterpart.
        mode (GradcheckResponseMode): How it was checked.
        checks (GradcheckResponseChecks): Per analytic quantity: derivative, vjp and param_grads.<name> (elementwise;
            PReLU's alpha), vjp and jacobian (vector activations), grad (losses); with order 2 second_derivative
            (activations), hessian and hvp (losses).
        skipped (GradcheckResponseSkipped): Inputs not checked: nonfinite, and near_kink (within 2·eps of a kink of an
            elementwise activation).
        evaluations (int): Function evaluations made.
        eps (float):
        atol (float):
        rtol (float):
        directions (int | None | Unset): Projections made (projection mode).
    """

    passed: bool
    max_abs_error: float | NonFiniteNumber
    max_rel_error: float | NonFiniteNumber
    worst_index: list[int] | None
    worst: None | Worst
    analytic: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
    numeric: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber
    mode: GradcheckResponseMode
    checks: GradcheckResponseChecks
    skipped: GradcheckResponseSkipped
    evaluations: int
    eps: float
    atol: float
    rtol: float
    directions: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.worst import Worst  # noqa: PLC0415

        passed = self.passed

        max_abs_error: float | str
        if isinstance(self.max_abs_error, str):
            max_abs_error = self.max_abs_error
        else:
            max_abs_error = self.max_abs_error

        max_rel_error: float | str
        if isinstance(self.max_rel_error, str):
            max_rel_error = self.max_rel_error
        else:
            max_rel_error = self.max_rel_error

        worst_index: list[int] | None
        if isinstance(self.worst_index, list):
            worst_index = self.worst_index

        else:
            worst_index = self.worst_index

        worst: dict[str, Any] | None
        if isinstance(self.worst, Worst):
            worst = self.worst.to_dict()
        else:
            worst = self.worst

        analytic: dict[str, Any] | float | list[float | list[Any] | str] | None | str
        if isinstance(self.analytic, str):
            analytic = self.analytic
        elif isinstance(self.analytic, list):
            analytic = []
            for componentsschemas_nested_tensor_item_data in self.analytic:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                analytic.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.analytic, FlatTensor):
            analytic = self.analytic.to_dict()
        elif isinstance(self.analytic, B64Tensor):
            analytic = self.analytic.to_dict()
        else:
            analytic = self.analytic

        numeric: dict[str, Any] | float | list[float | list[Any] | str] | None | str
        if isinstance(self.numeric, str):
            numeric = self.numeric
        elif isinstance(self.numeric, list):
            numeric = []
            for componentsschemas_nested_tensor_item_data in self.numeric:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                numeric.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.numeric, FlatTensor):
            numeric = self.numeric.to_dict()
        elif isinstance(self.numeric, B64Tensor):
            numeric = self.numeric.to_dict()
        else:
            numeric = self.numeric

        mode: str = self.mode

        checks = self.checks.to_dict()

        skipped = self.skipped.to_dict()

        evaluations = self.evaluations

        eps = self.eps

        atol = self.atol

        rtol = self.rtol

        directions: int | None | Unset
        if isinstance(self.directions, Unset):
            directions = UNSET
        else:
            directions = self.directions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passed": passed,
                "max_abs_error": max_abs_error,
                "max_rel_error": max_rel_error,
                "worst_index": worst_index,
                "worst": worst,
                "analytic": analytic,
                "numeric": numeric,
                "mode": mode,
                "checks": checks,
                "skipped": skipped,
                "evaluations": evaluations,
                "eps": eps,
                "atol": atol,
                "rtol": rtol,
            }
        )
        if directions is not UNSET:
            field_dict["directions"] = directions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.gradcheck_response_checks import GradcheckResponseChecks  # noqa: PLC0415
        from ..models.gradcheck_response_skipped import GradcheckResponseSkipped  # noqa: PLC0415
        from ..models.worst import Worst  # noqa: PLC0415

        d = dict(src_dict)
        passed = d.pop("passed")

        def _parse_max_abs_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        max_abs_error = _parse_max_abs_error(d.pop("max_abs_error"))

        def _parse_max_rel_error(data: object) -> float | NonFiniteNumber:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_number_type_1 = check_non_finite_number(data)

                return componentsschemas_number_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | NonFiniteNumber, data)

        max_rel_error = _parse_max_rel_error(d.pop("max_rel_error"))

        def _parse_worst_index(data: object) -> list[int] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                worst_index_type_0 = cast(list[int], data)

                return worst_index_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None, data)

        worst_index = _parse_worst_index(d.pop("worst_index"))

        def _parse_worst(data: object) -> None | Worst:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                worst_type_0 = Worst.from_dict(data)

                return worst_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Worst, data)

        worst = _parse_worst(d.pop("worst"))

        def _parse_analytic(
            data: object,
        ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber:
            if data is None:
                return data
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
                B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber,
                data,
            )

        analytic = _parse_analytic(d.pop("analytic"))

        def _parse_numeric(
            data: object,
        ) -> B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber:
            if data is None:
                return data
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
                B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber,
                data,
            )

        numeric = _parse_numeric(d.pop("numeric"))

        mode = check_gradcheck_response_mode(d.pop("mode"))

        checks = GradcheckResponseChecks.from_dict(d.pop("checks"))

        skipped = GradcheckResponseSkipped.from_dict(d.pop("skipped"))

        evaluations = d.pop("evaluations")

        eps = d.pop("eps")

        atol = d.pop("atol")

        rtol = d.pop("rtol")

        def _parse_directions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        directions = _parse_directions(d.pop("directions", UNSET))

        gradcheck_response = cls(
            passed=passed,
            max_abs_error=max_abs_error,
            max_rel_error=max_rel_error,
            worst_index=worst_index,
            worst=worst,
            analytic=analytic,
            numeric=numeric,
            mode=mode,
            checks=checks,
            skipped=skipped,
            evaluations=evaluations,
            eps=eps,
            atol=atol,
            rtol=rtol,
            directions=directions,
        )

        gradcheck_response.additional_properties = d
        return gradcheck_response

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
