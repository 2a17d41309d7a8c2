from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.flow_request_dtype_type_0 import FlowRequestDtypeType0, check_flow_request_dtype_type_0
from ..models.flow_request_init import FlowRequestInit, check_flow_request_init
from ..models.flow_request_input import FlowRequestInput, check_flow_request_input
from ..models.flow_request_loss import FlowRequestLoss, check_flow_request_loss
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_request_activation_params import FlowRequestActivationParams
    from ..models.flow_request_init_params import FlowRequestInitParams
    from ..models.flow_thresholds import FlowThresholds


T = TypeVar("T", bound="FlowRequest")


@_attrs_define
class FlowRequest:
    """
    Attributes:
        depth (int | Unset): Number of weight layers (each Linear + activation). Default: 5.
        width (int | Unset): Units per layer (also the input and output width). Default: 64.
        batch (int | Unset): Samples in the batch. Default: 64.
        seed (int | Unset): Seed of numpy.random.default_rng: x, targets, weights. Default: 0.
        activation (str | Unset): Any registered elementwise activation (name or alias). Default: 'relu'.
        activation_params (FlowRequestActivationParams | Unset): Its parameters, e.g. {"alpha": 0.2}.
        init (FlowRequestInit | Unset): Weight initialisation (PyTorch's formulas, biases 0). Default: 'he_normal'.
        init_params (FlowRequestInitParams | Unset): gain for xavier_*, std for normal (default 0.05), bound for uniform
            (default 0.05).
        input_ (FlowRequestInput | Unset): Input distribution: N(0, input_scale²) or U(±input_scale). Default: 'normal'.
        input_scale (float | Unset): Std (normal) or half-width (uniform) of x. Default: 1.0.
        loss (FlowRequestLoss | Unset): Loss against targets drawn from N(0, 1). Default: 'mse'.
        thresholds (FlowThresholds | Unset):
        dtype (FlowRequestDtypeType0 | None | Unset): Compute precision. Default float64; float32 computes as the
            frameworks do by default and returns float32 tensors.
    """

    depth: int | Unset = 5
    width: int | Unset = 64
    batch: int | Unset = 64
    seed: int | Unset = 0
    activation: str | Unset = "relu"
    activation_params: FlowRequestActivationParams | Unset = UNSET
    init: FlowRequestInit | Unset = "he_normal"
    init_params: FlowRequestInitParams | Unset = UNSET
    input_: FlowRequestInput | Unset = "normal"
    input_scale: float | Unset = 1.0
    loss: FlowRequestLoss | Unset = "mse"
    thresholds: FlowThresholds | Unset = UNSET
    dtype: FlowRequestDtypeType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        depth = self.depth

        width = self.width

        batch = self.batch

        seed = self.seed

        activation = self.activation

        activation_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.activation_params, Unset):
            activation_params = self.activation_params.to_dict()

        init: str | Unset = UNSET
        if not isinstance(self.init, Unset):
            init = self.init

        init_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.init_params, Unset):
            init_params = self.init_params.to_dict()

        input_: str | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_

        input_scale = self.input_scale

        loss: str | Unset = UNSET
        if not isinstance(self.loss, Unset):
            loss = self.loss

        thresholds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds.to_dict()

        dtype: None | str | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        elif isinstance(self.dtype, str):
            dtype = self.dtype
        else:
            dtype = self.dtype

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if depth is not UNSET:
            field_dict["depth"] = depth
        if width is not UNSET:
            field_dict["width"] = width
        if batch is not UNSET:
            field_dict["batch"] = batch
        if seed is not UNSET:
            field_dict["seed"] = seed
        if activation is not UNSET:
            field_dict["activation"] = activation
        if activation_params is not UNSET:
            field_dict["activation_params"] = activation_params
        if init is not UNSET:
            field_dict["init"] = init
        if init_params is not UNSET:
            field_dict["init_params"] = init_params
        if input_ is not UNSET:
            field_dict["input"] = input_
        if input_scale is not UNSET:
            field_dict["input_scale"] = input_scale
        if loss is not UNSET:
            field_dict["loss"] = loss
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_request_activation_params import FlowRequestActivationParams  # noqa: PLC0415
        from ..models.flow_request_init_params import FlowRequestInitParams  # noqa: PLC0415
        from ..models.flow_thresholds import FlowThresholds  # noqa: PLC0415

        d = dict(src_dict)
        depth = d.pop("depth", UNSET)

        width = d.pop("width", UNSET)

        batch = d.pop("batch", UNSET)

        seed = d.pop("seed", UNSET)

        activation = d.pop("activation", UNSET)

        _activation_params = d.pop("activation_params", UNSET)
        activation_params: FlowRequestActivationParams | Unset
        if isinstance(_activation_params, Unset):
            activation_params = UNSET
        else:
            activation_params = FlowRequestActivationParams.from_dict(_activation_params)

        _init = d.pop("init", UNSET)
        init: FlowRequestInit | Unset
        if isinstance(_init, Unset):
            init = UNSET
        else:
            init = check_flow_request_init(_init)

        _init_params = d.pop("init_params", UNSET)
        init_params: FlowRequestInitParams | Unset
        if isinstance(_init_params, Unset):
            init_params = UNSET
        else:
            init_params = FlowRequestInitParams.from_dict(_init_params)

        _input_ = d.pop("input", UNSET)
        input_: FlowRequestInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = check_flow_request_input(_input_)

        input_scale = d.pop("input_scale", UNSET)

        _loss = d.pop("loss", UNSET)
        loss: FlowRequestLoss | Unset
        if isinstance(_loss, Unset):
            loss = UNSET
        else:
            loss = check_flow_request_loss(_loss)

        _thresholds = d.pop("thresholds", UNSET)
        thresholds: FlowThresholds | Unset
        if isinstance(_thresholds, Unset):
            thresholds = UNSET
        else:
            thresholds = FlowThresholds.from_dict(_thresholds)

        def _parse_dtype(data: object) -> FlowRequestDtypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_flow_request_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FlowRequestDtypeType0 | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        flow_request = cls(
            depth=depth,
            width=width,
            batch=batch,
            seed=seed,
            activation=activation,
            activation_params=activation_params,
            init=init,
            init_params=init_params,
            input_=input_,
            input_scale=input_scale,
            loss=loss,
            thresholds=thresholds,
            dtype=dtype,
        )

        return flow_request
