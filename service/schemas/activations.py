"""Request/response envelopes of the activation endpoints."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from service.schemas.catalog import ActivationEntry
from service.schemas.common import (
    DTYPE_FIELD,
    ENCODING_FIELD,
    DType,
    Encoding,
    StrictModel,
    Tensor,
    TensorOut,
)

Output = Literal["value", "derivative", "jacobian", "vjp", "param_grads"]


class ActivationRequest(StrictModel):
    x: Tensor = Field(description="Input tensor.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Function parameters by name or alias (see the catalog), e.g. "
        '{"alpha": 0.1}. PReLU\'s alpha may be a tensor (one value per channel).',
    )
    axis: int = Field(-1, description="Axis of vector functions (softmax, glu, maxout, ...).")
    grad_output: Tensor | None = Field(
        None,
        description="Upstream gradient dL/dy for `vjp` and `param_grads` (default: ones), "
        "shape of the output.",
    )
    outputs: list[Output] | None = Field(
        None,
        description="What to return. Default: value + derivative for elementwise functions, "
        "value + jacobian for vector functions.",
    )
    dtype: DType | None = DTYPE_FIELD
    encoding: Encoding | None = ENCODING_FIELD


class ActivationResponse(BaseModel):
    value: TensorOut | None = Field(None, description="f(x).")
    derivative: TensorOut | None = Field(None, description="Elementwise f'(x).")
    jacobian: TensorOut | None = Field(
        None,
        description="Jacobian along `axis`, shape y.shape + [n]: entry (..., i, ..., j) is "
        "dy[..., i, ...]/dx[..., j, ...].",
    )
    vjp: TensorOut | None = Field(None, description="grad_output^T J: dL/dx.")
    param_grads: dict[str, TensorOut] | None = Field(
        None, description="Gradients with respect to learnable parameters (PReLU's alpha)."
    )


class CurveResponse(BaseModel):
    name: str
    params: dict[str, Any] = Field(description="The parameters in force, defaults filled in.")
    x: list[Any]
    value: list[Any]
    derivative: list[Any]


class ActivationCatalog(BaseModel):
    activations: list[ActivationEntry] = Field(description="One catalog entry per function.")
