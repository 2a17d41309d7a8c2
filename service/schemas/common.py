"""Shared schema pieces: the tensor field type, dtype/encoding options, problem details."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

NONFINITE_SCHEMA: dict[str, Any] = {"type": "string", "enum": ["NaN", "Infinity", "-Infinity"]}
NUMBER_SCHEMA: dict[str, Any] = {"oneOf": [{"type": "number"}, NONFINITE_SCHEMA]}

SHAPE_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "integer", "minimum": 0}}
WIRE_DTYPE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": ["float64", "float32", "float16", "int64", "int32", "uint8"],
    "default": "float64",
}

TENSOR_SCHEMA: dict[str, Any] = {
    "title": "Tensor",
    "description": (
        "A tensor in any wire form: a number (0-d), a rectangular nested list, a flat object "
        '{"shape", "dtype", "data"} (row-major) or a binary object {"shape", "dtype", "b64"} '
        "(base64 of little-endian row-major bytes; the fast path for large arrays). "
        'Non-finite values are the strings "NaN", "Infinity", "-Infinity".'
    ),
    "oneOf": [
        NUMBER_SCHEMA,
        {"type": "array", "items": {}, "description": "rectangular nested list of numbers"},
        {
            "type": "object",
            "title": "FlatTensor",
            "required": ["shape", "data"],
            "properties": {
                "shape": SHAPE_SCHEMA,
                "dtype": WIRE_DTYPE_SCHEMA,
                "data": {"type": "array", "items": NUMBER_SCHEMA},
            },
            "additionalProperties": False,
        },
        {
            "type": "object",
            "title": "B64Tensor",
            "required": ["shape", "b64"],
            "properties": {
                "shape": SHAPE_SCHEMA,
                "dtype": WIRE_DTYPE_SCHEMA,
                "b64": {"type": "string", "contentEncoding": "base64"},
            },
            "additionalProperties": False,
        },
    ],
}

Tensor = Annotated[Any, WithJsonSchema(TENSOR_SCHEMA)]
"""A request tensor: kept as parsed JSON by pydantic, decoded by service.wire."""

TensorOut = Annotated[Any, WithJsonSchema({**TENSOR_SCHEMA, "title": "TensorOut"})]
"""A response tensor, in the form of the request's main input unless `encoding` says."""

NumberOut = Annotated[Any, WithJsonSchema(NUMBER_SCHEMA)]

DType = Literal["float64", "float32"]
Encoding = Literal["nested", "flat", "b64"]

DTYPE_FIELD = Field(
    None,
    description=(
        "Compute precision. Default float64; float32 computes as the frameworks do by default "
        "and returns float32 tensors."
    ),
)
ENCODING_FIELD = Field(
    None,
    description=(
        "Form of the response tensors: nested, flat or b64. Default: the form of the "
        "request's main input (a number in gives numbers out)."
    ),
)


class StrictModel(BaseModel):
    """Request envelopes reject unknown fields (422 naming the field)."""

    model_config = ConfigDict(extra="forbid")


class ProblemError(BaseModel):
    loc: list[str | int] = Field(description="Where: ['body', 'x', 1], ['query', 'num'], ...")
    msg: str = Field(description="What was expected and what came.")


class Problem(BaseModel):
    """RFC 9457 problem details (media type application/problem+json)."""

    type: str = Field(description="URI reference naming the problem type.")
    title: str
    status: int
    detail: str
    errors: list[ProblemError] = Field(default_factory=list)


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for problem+json error codes."""
    text = {
        400: "Bad request.",
        401: "Missing or wrong API key.",
        404: "Unknown name; `detail` lists the valid names.",
        413: "Body larger than GRADSERVE_MAX_BODY_BYTES.",
        422: "Malformed or inconsistent input, or a limit exceeded; `errors[].loc` names "
        "the field.",
    }
    return {
        c: {
            "model": Problem,
            "description": text.get(c, "Error."),
            "content": {"application/problem+json": {}},
        }
        for c in codes
    }
