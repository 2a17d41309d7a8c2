"""Request/response envelopes of ``POST /v1/batch`` (many calls in one request)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, WithJsonSchema

from service.schemas.common import StrictModel

# Any JSON value, as a body posted on its own may be: one that is not the object the path
# takes is that item's own 422 (one item's error never fails the others, and the batch is
# 200 unless its envelope is malformed), so the schema must not reject it.
Body = Annotated[
    Any,
    WithJsonSchema({"description": "Any JSON value (see BatchItem.body)."}),
]


class BatchItem(StrictModel):
    path: str = Field(
        description="A /v1 POST path, e.g. /v1/activations/tanh, /v1/losses/mse, "
        "/v1/optimizers/adam/step, /v1/gradcheck (no query string: query parameters take "
        "their defaults).",
        examples=["/v1/activations/sigmoid"],
    )
    body: Body = Field(
        description="The body of that call, as it would be sent on its own: the object that "
        "path takes. Any other JSON value is answered, as that path would answer it, by this "
        "item's own 422 inside the 200 batch."
    )


class BatchRequest(StrictModel):
    requests: list[BatchItem] = Field(
        description="The calls, answered in this order; at most GRADSERVE_MAX_BATCH of them. "
        "The element limit (GRADSERVE_MAX_ELEMENTS) applies to all of them together, and each "
        "work limit (GRADSERVE_MAX_*_WORK, GRADSERVE_MAX_GRADCHECK_ELEMENTS, "
        "GRADSERVE_MAX_RESPONSE_BYTES) is shared evenly among them."
    )


class BatchItemResponse(BaseModel):
    status: int = Field(description="The HTTP status that call would have had on its own.")
    body: Any = Field(
        description="Its body: the operation's response, or an RFC 9457 problem (`Problem`) "
        "for a status of 400 or more."
    )


class BatchResponse(BaseModel):
    responses: list[BatchItemResponse] = Field(
        description="One answer per call, in request order; one call's error never fails the "
        "others."
    )


# Written to run as-is from Swagger UI ("Try it out").
EXAMPLES: dict[str, Any] = {
    "mixed": {
        "summary": "an activation, a loss, an optimizer step and a failing call",
        "value": {
            "requests": [
                {"path": "/v1/activations/tanh", "body": {"x": [-1.0, 0.0, 1.0]}},
                {
                    "path": "/v1/losses/mse",
                    "body": {"y_true": [1.0, 2.0], "y_pred": [1.5, 1.0]},
                },
                {
                    "path": "/v1/optimizers/adam/step",
                    "body": {
                        "params": [1.0, -2.0],
                        "grads": [0.5, 0.1],
                        "hyperparams": {"lr": 0.1},
                    },
                },
                {"path": "/v1/activations/sigmoid", "body": {"x": [[1.0, 2.0], [3.0]]}},
            ]
        },
    },
    "many": {
        "summary": "many small evaluations of one function",
        "value": {
            "requests": [
                {"path": "/v1/activations/sigmoid", "body": {"x": [-2.0, 0.0, 2.0]}},
                {"path": "/v1/activations/sigmoid", "body": {"x": [0.5, 1.5]}},
                {"path": "/v1/activations/gelu", "body": {"x": [-1.0, 1.0]}},
            ]
        },
    },
}
