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

Output = Literal["value", "derivative", "jacobian", "vjp", "param_grads", "second_derivative"]


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
        "value + jacobian for vector functions. `second_derivative` (elementwise functions "
        "only) is f''(x), torch's double backward.",
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
    second_derivative: TensorOut | None = Field(
        None,
        description="Elementwise f''(x) = torch's double backward (0 at the kinks of "
        "piecewise-linear functions); elementwise functions only.",
    )


class CurveResponse(BaseModel):
    name: str
    params: dict[str, Any] = Field(description="The parameters in force, defaults filled in.")
    x: list[Any]
    value: list[Any]
    derivative: list[Any]


class ActivationCatalog(BaseModel):
    activations: list[ActivationEntry] = Field(description="One catalog entry per function.")


# Every example is written for the path's example name, sigmoid, which Swagger UI fills in
# (other functions' examples are in docs/activations.md).
EXAMPLES: dict[str, Any] = {
    "derivative": {
        "summary": "sigmoid: value and derivative",
        "value": {"x": [-2.0, 0.0, 2.0]},
    },
    "vjp": {
        "summary": "sigmoid: VJP with an upstream gradient, b64 response",
        "value": {
            "x": [0.5, -1.0, 3.0],
            "grad_output": [1.0, 2.0, 3.0],
            "outputs": ["value", "vjp"],
            "encoding": "b64",
        },
    },
    "nonfinite": {
        "summary": "sigmoid: non-finite inputs are valid",
        "value": {"x": ["NaN", "Infinity", "-Infinity", 0]},
    },
    "flat32": {
        "summary": "sigmoid: flat tensor object, float32 compute",
        "value": {
            "x": {"shape": [2, 2], "dtype": "float32", "data": [1, -2, 3, -4]},
            "dtype": "float32",
        },
    },
    "second_derivative": {
        "summary": "sigmoid: value, derivative and second derivative",
        "description": "f''(x) = σ(x)(1 − σ(x))(1 − 2σ(x)), torch's double backward.",
        "value": {"x": [-2.0, 0.0, 2.0], "outputs": ["value", "derivative", "second_derivative"]},
    },
    "jacobian": {
        "summary": "sigmoid: stable at ±1000, and the Jacobian when asked",
        "description": "An elementwise function's Jacobian along `axis` is diagonal, shape "
        "x.shape + [n]; a vector function's is full.",
        "value": {"x": [[1000.0, -1000.0, 0.0]], "axis": -1, "outputs": ["value", "jacobian"]},
    },
}
