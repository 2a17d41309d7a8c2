from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.gradcheck_request_convention import GradcheckRequestConvention, check_gradcheck_request_convention
from ..models.gradcheck_request_encoding_type_0 import (
    GradcheckRequestEncodingType0,
    check_gradcheck_request_encoding_type_0,
)
from ..models.gradcheck_request_order import GradcheckRequestOrder, check_gradcheck_request_order
from ..models.gradcheck_request_reduction import GradcheckRequestReduction, check_gradcheck_request_reduction
from ..models.non_finite_number import NonFiniteNumber, check_non_finite_number
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_target import ActivationTarget
    from ..models.b64_tensor import B64Tensor
    from ..models.flat_tensor import FlatTensor
    from ..models.loss_target import LossTarget


T = TypeVar("T", bound="GradcheckRequest")


@_attrs_define
class GradcheckRequest:
    """
    Attributes:
        target (ActivationTarget | LossTarget): The registered function whose gradient is checked.
        x (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset):
            Activation input. For a loss, accepted in place of `y_pred` (gradcheck's name for the checked input).
        y_pred (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): Loss input (predictions, logits...), the variable differentiated.
        y_true (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): Loss targets (required for a loss, except triplet_margin).
        x1 (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): margin_ranking, cosine_embedding: the first input, the main input checked as `grad` (the report's
            `analytic`/`numeric` take its form).
        x2 (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): margin_ranking, cosine_embedding: the second input (grads.x2).
        anchor (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): triplet_margin: the anchors, the main input checked as `grad`.
        positive (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): triplet_margin: the positives.
        negative (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): triplet_margin: the negatives.
        var (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber |
            Unset): gaussian_nll: the variances (grads.var).
        axis (int | Unset): Axis of vector activations (softmax, glu, maxout...). Default: -1.
        reduction (GradcheckRequestReduction | Unset): Loss reduction; with none the checked function is the sum of the
            weighted per-sample losses (whose gradient is the loss endpoint's `grad`). Default: 'mean'.
        sample_weight (B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None |
            NonFiniteNumber | Unset): Loss sample weights, one per sample.
        convention (GradcheckRequestConvention | Unset): Loss convention (see POST /v1/losses/{name}). Default: 'torch'.
        eps (float | Unset): Finite-difference step (torch.autograd.gradcheck's). Default: 1e-06.
        atol (float | Unset): Absolute tolerance (torch.autograd.gradcheck's). Default: 1e-05.
        rtol (float | Unset): Relative tolerance (torch.autograd.gradcheck's). Default: 0.001.
        fast_mode (bool | None | Unset): true: random projections vᵀJu only (torch's fast_mode, jax's check_grads);
            false: the full Jacobian (up to 4096 input elements); null: full for small inputs (vector activations up to 1024
            input elements, losses up to 256), projections beyond. Elementwise activations are always checked element by
            element.
        directions (int | Unset): Number of random directions in projection mode. Default: 8.
        seed (int | Unset): Seed of the random directions and cotangents. Default: 0.
        order (GradcheckRequestOrder | Unset): 1: first derivatives. 2: second derivatives against central differences
            of the analytic first derivative: an elementwise activation's `second_derivative` (f'' vs differences of f',
            kinks skipped), a loss's `hessian` (full mode) and `hvp` (differences of `grad` along v). Default: 1.
        encoding (GradcheckRequestEncodingType0 | None | Unset): Form of the response tensors: nested, flat or b64.
            Default: the form of the request's main input (a number in gives numbers out).
    """

    target: ActivationTarget | LossTarget
    x: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    y_pred: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    y_true: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    x1: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    x2: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    anchor: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    positive: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    negative: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    var: B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset = (
        UNSET
    )
    axis: int | Unset = -1
    reduction: GradcheckRequestReduction | Unset = "mean"
    sample_weight: (
        B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
    ) = UNSET
    convention: GradcheckRequestConvention | Unset = "torch"
    eps: float | Unset = 1e-06
    atol: float | Unset = 1e-05
    rtol: float | Unset = 0.001
    fast_mode: bool | None | Unset = UNSET
    directions: int | Unset = 8
    seed: int | Unset = 0
    order: GradcheckRequestOrder | Unset = 1
    encoding: GradcheckRequestEncodingType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.activation_target import ActivationTarget  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415

        target: dict[str, Any]
        if isinstance(self.target, ActivationTarget):
            target = self.target.to_dict()
        else:
            target = self.target.to_dict()

        x: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.x, Unset):
            x = UNSET
        elif isinstance(self.x, str):
            x = self.x
        elif isinstance(self.x, list):
            x = []
            for componentsschemas_nested_tensor_item_data in self.x:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                x.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.x, FlatTensor):
            x = self.x.to_dict()
        elif isinstance(self.x, B64Tensor):
            x = self.x.to_dict()
        else:
            x = self.x

        y_pred: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.y_pred, Unset):
            y_pred = UNSET
        elif isinstance(self.y_pred, str):
            y_pred = self.y_pred
        elif isinstance(self.y_pred, list):
            y_pred = []
            for componentsschemas_nested_tensor_item_data in self.y_pred:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                y_pred.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.y_pred, FlatTensor):
            y_pred = self.y_pred.to_dict()
        elif isinstance(self.y_pred, B64Tensor):
            y_pred = self.y_pred.to_dict()
        else:
            y_pred = self.y_pred

        y_true: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.y_true, Unset):
            y_true = UNSET
        elif isinstance(self.y_true, str):
            y_true = self.y_true
        elif isinstance(self.y_true, list):
            y_true = []
            for componentsschemas_nested_tensor_item_data in self.y_true:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                y_true.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.y_true, FlatTensor):
            y_true = self.y_true.to_dict()
        elif isinstance(self.y_true, B64Tensor):
            y_true = self.y_true.to_dict()
        else:
            y_true = self.y_true

        x1: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.x1, Unset):
            x1 = UNSET
        elif isinstance(self.x1, str):
            x1 = self.x1
        elif isinstance(self.x1, list):
            x1 = []
            for componentsschemas_nested_tensor_item_data in self.x1:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                x1.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.x1, FlatTensor):
            x1 = self.x1.to_dict()
        elif isinstance(self.x1, B64Tensor):
            x1 = self.x1.to_dict()
        else:
            x1 = self.x1

        x2: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.x2, Unset):
            x2 = UNSET
        elif isinstance(self.x2, str):
            x2 = self.x2
        elif isinstance(self.x2, list):
            x2 = []
            for componentsschemas_nested_tensor_item_data in self.x2:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                x2.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.x2, FlatTensor):
            x2 = self.x2.to_dict()
        elif isinstance(self.x2, B64Tensor):
            x2 = self.x2.to_dict()
        else:
            x2 = self.x2

        anchor: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.anchor, Unset):
            anchor = UNSET
        elif isinstance(self.anchor, str):
            anchor = self.anchor
        elif isinstance(self.anchor, list):
            anchor = []
            for componentsschemas_nested_tensor_item_data in self.anchor:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                anchor.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.anchor, FlatTensor):
            anchor = self.anchor.to_dict()
        elif isinstance(self.anchor, B64Tensor):
            anchor = self.anchor.to_dict()
        else:
            anchor = self.anchor

        positive: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.positive, Unset):
            positive = UNSET
        elif isinstance(self.positive, str):
            positive = self.positive
        elif isinstance(self.positive, list):
            positive = []
            for componentsschemas_nested_tensor_item_data in self.positive:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                positive.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.positive, FlatTensor):
            positive = self.positive.to_dict()
        elif isinstance(self.positive, B64Tensor):
            positive = self.positive.to_dict()
        else:
            positive = self.positive

        negative: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.negative, Unset):
            negative = UNSET
        elif isinstance(self.negative, str):
            negative = self.negative
        elif isinstance(self.negative, list):
            negative = []
            for componentsschemas_nested_tensor_item_data in self.negative:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                negative.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.negative, FlatTensor):
            negative = self.negative.to_dict()
        elif isinstance(self.negative, B64Tensor):
            negative = self.negative.to_dict()
        else:
            negative = self.negative

        var: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.var, Unset):
            var = UNSET
        elif isinstance(self.var, str):
            var = self.var
        elif isinstance(self.var, list):
            var = []
            for componentsschemas_nested_tensor_item_data in self.var:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                var.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.var, FlatTensor):
            var = self.var.to_dict()
        elif isinstance(self.var, B64Tensor):
            var = self.var.to_dict()
        else:
            var = self.var

        axis = self.axis

        reduction: str | Unset = UNSET
        if not isinstance(self.reduction, Unset):
            reduction = self.reduction

        sample_weight: dict[str, Any] | float | list[float | list[Any] | str] | None | str | Unset
        if isinstance(self.sample_weight, Unset):
            sample_weight = UNSET
        elif isinstance(self.sample_weight, str):
            sample_weight = self.sample_weight
        elif isinstance(self.sample_weight, list):
            sample_weight = []
            for componentsschemas_nested_tensor_item_data in self.sample_weight:
                componentsschemas_nested_tensor_item: float | list[Any] | str
                if isinstance(componentsschemas_nested_tensor_item_data, str):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                elif isinstance(componentsschemas_nested_tensor_item_data, list):
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data

                else:
                    componentsschemas_nested_tensor_item = componentsschemas_nested_tensor_item_data
                sample_weight.append(componentsschemas_nested_tensor_item)

        elif isinstance(self.sample_weight, FlatTensor):
            sample_weight = self.sample_weight.to_dict()
        elif isinstance(self.sample_weight, B64Tensor):
            sample_weight = self.sample_weight.to_dict()
        else:
            sample_weight = self.sample_weight

        convention: str | Unset = UNSET
        if not isinstance(self.convention, Unset):
            convention = self.convention

        eps = self.eps

        atol = self.atol

        rtol = self.rtol

        fast_mode: bool | None | Unset
        if isinstance(self.fast_mode, Unset):
            fast_mode = UNSET
        else:
            fast_mode = self.fast_mode

        directions = self.directions

        seed = self.seed

        order: int | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = self.order

        encoding: None | str | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        elif isinstance(self.encoding, str):
            encoding = self.encoding
        else:
            encoding = self.encoding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if x is not UNSET:
            field_dict["x"] = x
        if y_pred is not UNSET:
            field_dict["y_pred"] = y_pred
        if y_true is not UNSET:
            field_dict["y_true"] = y_true
        if x1 is not UNSET:
            field_dict["x1"] = x1
        if x2 is not UNSET:
            field_dict["x2"] = x2
        if anchor is not UNSET:
            field_dict["anchor"] = anchor
        if positive is not UNSET:
            field_dict["positive"] = positive
        if negative is not UNSET:
            field_dict["negative"] = negative
        if var is not UNSET:
            field_dict["var"] = var
        if axis is not UNSET:
            field_dict["axis"] = axis
        if reduction is not UNSET:
            field_dict["reduction"] = reduction
        if sample_weight is not UNSET:
            field_dict["sample_weight"] = sample_weight
        if convention is not UNSET:
            field_dict["convention"] = convention
        if eps is not UNSET:
            field_dict["eps"] = eps
        if atol is not UNSET:
            field_dict["atol"] = atol
        if rtol is not UNSET:
            field_dict["rtol"] = rtol
        if fast_mode is not UNSET:
            field_dict["fast_mode"] = fast_mode
        if directions is not UNSET:
            field_dict["directions"] = directions
        if seed is not UNSET:
            field_dict["seed"] = seed
        if order is not UNSET:
            field_dict["order"] = order
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activation_target import ActivationTarget  # noqa: PLC0415
        from ..models.b64_tensor import B64Tensor  # noqa: PLC0415
        from ..models.flat_tensor import FlatTensor  # noqa: PLC0415
        from ..models.loss_target import LossTarget  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_target(data: object) -> ActivationTarget | LossTarget:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_type_0 = ActivationTarget.from_dict(data)

                return target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            target_type_1 = LossTarget.from_dict(data)

            return target_type_1

        target = _parse_target(d.pop("target"))

        def _parse_x(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        x = _parse_x(d.pop("x", UNSET))

        def _parse_y_pred(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        y_pred = _parse_y_pred(d.pop("y_pred", UNSET))

        def _parse_y_true(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        y_true = _parse_y_true(d.pop("y_true", UNSET))

        def _parse_x1(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        x1 = _parse_x1(d.pop("x1", UNSET))

        def _parse_x2(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        x2 = _parse_x2(d.pop("x2", UNSET))

        def _parse_anchor(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        anchor = _parse_anchor(d.pop("anchor", UNSET))

        def _parse_positive(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        positive = _parse_positive(d.pop("positive", UNSET))

        def _parse_negative(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        negative = _parse_negative(d.pop("negative", UNSET))

        def _parse_var(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        var = _parse_var(d.pop("var", UNSET))

        axis = d.pop("axis", UNSET)

        _reduction = d.pop("reduction", UNSET)
        reduction: GradcheckRequestReduction | Unset
        if isinstance(_reduction, Unset):
            reduction = UNSET
        else:
            reduction = check_gradcheck_request_reduction(_reduction)

        def _parse_sample_weight(
            data: object,
        ) -> (
            B64Tensor | FlatTensor | float | list[float | list[Any] | NonFiniteNumber] | None | NonFiniteNumber | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
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
                B64Tensor
                | FlatTensor
                | float
                | list[float | list[Any] | NonFiniteNumber]
                | None
                | NonFiniteNumber
                | Unset,
                data,
            )

        sample_weight = _parse_sample_weight(d.pop("sample_weight", UNSET))

        _convention = d.pop("convention", UNSET)
        convention: GradcheckRequestConvention | Unset
        if isinstance(_convention, Unset):
            convention = UNSET
        else:
            convention = check_gradcheck_request_convention(_convention)

        eps = d.pop("eps", UNSET)

        atol = d.pop("atol", UNSET)

        rtol = d.pop("rtol", UNSET)

        def _parse_fast_mode(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        fast_mode = _parse_fast_mode(d.pop("fast_mode", UNSET))

        directions = d.pop("directions", UNSET)

        seed = d.pop("seed", UNSET)

        _order = d.pop("order", UNSET)
        order: GradcheckRequestOrder | Unset
        if isinstance(_order, Unset):
            order = UNSET
        else:
            order = check_gradcheck_request_order(_order)

        def _parse_encoding(data: object) -> GradcheckRequestEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = check_gradcheck_request_encoding_type_0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GradcheckRequestEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        gradcheck_request = cls(
            target=target,
            x=x,
            y_pred=y_pred,
            y_true=y_true,
            x1=x1,
            x2=x2,
            anchor=anchor,
            positive=positive,
            negative=negative,
            var=var,
            axis=axis,
            reduction=reduction,
            sample_weight=sample_weight,
            convention=convention,
            eps=eps,
            atol=atol,
            rtol=rtol,
            fast_mode=fast_mode,
            directions=directions,
            seed=seed,
            order=order,
            encoding=encoding,
        )

        return gradcheck_request
