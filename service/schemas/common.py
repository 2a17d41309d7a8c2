"""Shared schema pieces: the named tensor schemas, dtype/encoding options, problem details.

Tensors are kept as parsed JSON by pydantic (``Any``) and decoded once by ``service.wire``;
their OpenAPI form is a set of named component schemas (:data:`COMPONENTS`), referenced
from every tensor field, so that generated clients get one ``Tensor`` type instead of an
inline union per field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

REF_KEY = "x-gradserve-ref"


def ref(name: str) -> dict[str, str]:
    """A JSON-schema reference to the component schema ``name``.

    Written as ``{"x-gradserve-ref": name}`` (pydantic would try to resolve a ``$ref`` it did
    not make); ``service.openapi`` turns it into ``{"$ref": "#/components/schemas/name"}``."""
    return {REF_KEY: name}


_NUMBER_FORMS = [{"type": "number"}, ref("NonFiniteNumber")]

COMPONENTS: dict[str, dict[str, Any]] = {
    "NonFiniteNumber": {
        "title": "NonFiniteNumber",
        "description": "A non-finite float, spelled as in proto3 JSON.",
        "type": "string",
        "enum": ["NaN", "Infinity", "-Infinity"],
    },
    "Number": {
        "title": "Number",
        "description": 'A float: a JSON number, or "NaN", "Infinity", "-Infinity".',
        "oneOf": _NUMBER_FORMS,
    },
    "WireDType": {
        "title": "WireDType",
        "description": "Element type of a flat or binary tensor (integers for class indices).",
        "type": "string",
        "enum": ["float64", "float32", "float16", "int64", "int32", "uint8"],
    },
    "NestedTensor": {
        "title": "NestedTensor",
        "description": "A rectangular nested list of numbers, row-major (depth = ndim): each "
        "item a number, a non-finite string or a list like its siblings. (Written without "
        "self-reference, which code generators do not take.)",
        "type": "array",
        "items": {"oneOf": [*_NUMBER_FORMS, {"type": "array", "items": {}}]},
    },
    "FlatTensor": {
        "title": "FlatTensor",
        "description": "Flat row-major data with its shape (as the Open Inference Protocol).",
        "type": "object",
        "required": ["shape", "data"],
        "properties": {
            "shape": {"type": "array", "items": {"type": "integer", "minimum": 0}},
            "dtype": {**ref("WireDType"), "default": "float64"},
            "data": {"type": "array", "items": ref("Number")},
        },
        "additionalProperties": False,
    },
    "B64Tensor": {
        "title": "B64Tensor",
        "description": "Base64 of the little-endian row-major bytes: the fast path for large "
        "arrays.",
        "type": "object",
        "required": ["shape", "b64"],
        "properties": {
            "shape": {"type": "array", "items": {"type": "integer", "minimum": 0}},
            "dtype": {**ref("WireDType"), "default": "float64"},
            "b64": {"type": "string", "contentEncoding": "base64"},
        },
        "additionalProperties": False,
    },
    "Tensor": {
        "title": "Tensor",
        "description": "A tensor in any wire form: a number (0-d), a rectangular nested list, "
        'a flat object {"shape", "dtype", "data"} or a binary object {"shape", "dtype", "b64"}. '
        'Non-finite values are the strings "NaN", "Infinity", "-Infinity".',
        "oneOf": [
            *_NUMBER_FORMS,
            ref("NestedTensor"),
            ref("FlatTensor"),
            ref("B64Tensor"),
        ],
    },
    "TensorMapping": {
        "title": "TensorMapping",
        "description": 'Named tensors, possibly nested: {"layer1": {"w": ..., "b": ...}}. '
        'A name may not be "shape" (an object with a "shape" key is a tensor object).',
        "type": "object",
        "propertyNames": {"not": {"const": "shape"}},
        "additionalProperties": ref("TensorTree"),
    },
    "TensorTree": {
        "title": "TensorTree",
        "description": "One tensor, or a (nested) mapping of named tensors.",
        "oneOf": [
            *_NUMBER_FORMS,
            ref("NestedTensor"),
            ref("FlatTensor"),
            ref("B64Tensor"),
            ref("TensorMapping"),
        ],
    },
}
"""Component schemas added to the OpenAPI document (see service.openapi)."""

Tensor = Annotated[Any, WithJsonSchema(ref("Tensor"))]
"""A tensor field (request or response): parsed JSON here, decoded by service.wire."""

TensorOut = Tensor
"""A response tensor, in the form of the request's main input unless `encoding` says."""

NumberOut = Annotated[Any, WithJsonSchema(ref("Number"))]
"""A float that may be non-finite (then one of the three strings)."""

TensorTree = Annotated[Any, WithJsonSchema(ref("TensorTree"))]
"""One tensor or a (nested) mapping of named tensors (optimizer parameters and state)."""

DType = Literal["float64", "float32"]
ClientDType = Literal["float64", "float32", "float16"]  # a verified client's dtype
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
    """Request envelopes reject unknown fields (422 naming the field) and validate strictly:
    a boolean is never a number (``thresholds.vanishing: false`` is a 422), a float is not
    an integer (``depth: 5.5``), a number is not a string."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ProblemError(BaseModel):
    loc: list[str | int] = Field(description="Where: ['body', 'x', 1], ['query', 'num'], ...")
    msg: str = Field(description="What was expected and what came.")


class Problem(BaseModel):
    """RFC 9457 problem details (media type application/problem+json)."""

    type: str = Field(description="URI reference naming the problem type.")
    title: str = Field(description="Short summary of the problem type.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong, naming the first field at fault.")
    errors: list[ProblemError] = Field(
        description="Every error found (possibly empty), each with `loc` and `msg`."
    )


PROBLEM_TEXT: dict[int, str] = {
    400: "Bad request.",
    401: "Missing or wrong API key.",
    404: "Unknown name; `detail` lists the valid names.",
    405: "Method not allowed; the `Allow` header lists the methods the path serves.",
    413: "Body larger than GRADSERVE_MAX_BODY_BYTES.",
    422: "Malformed or inconsistent input, or a limit exceeded; `errors[].loc` names the field.",
    500: "A bug in gradserve (no input should cause it).",
    503: "Not ready.",
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for problem+json error codes (service.openapi puts the
    Problem schema under application/problem+json)."""
    return {c: {"model": Problem, "description": PROBLEM_TEXT.get(c, "Error.")} for c in codes}
