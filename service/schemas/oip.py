"""Open Inference Protocol v2 envelopes (KServe/Triton): the JSON form of /v2.

The infer request's JSON header is validated with :class:`OipInferRequest` (binary tensor
data, Triton's extension, follows the header in the same body; ``service.wire.oip`` reads
it). Response models document what /v2 answers; errors are :class:`OipError`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
)

_NUMBER_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "number"},
        {"type": "string", "enum": ["NaN", "Infinity", "-Infinity"]},
    ]
}
_DATA_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": _NUMBER_SCHEMA,
    "description": 'Flat row-major values; non-finite values as "NaN", "Infinity", "-Infinity".',
}

ParameterValue = StrictBool | StrictInt | StrictFloat | StrictStr
"""An OIP parameter value: a boolean, a number or a string."""

Shape = list[Annotated[int, Field(strict=True)]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OipRequestInput(_Strict):
    """One input tensor: JSON `data`, or `parameters.binary_data_size` bytes after the header."""

    name: str = Field(description="Input name: x, grad_output, y_pred, params.w, ...")
    shape: Shape = Field(description="Dimensions (row-major); [] for a scalar.")
    datatype: str = Field(
        description="FP64, FP32 or FP16 (computed as float32); INT64/INT32 for class indices.",
        json_schema_extra={"enum": ["FP64", "FP32", "FP16", "INT64", "INT32"]},
    )
    parameters: dict[str, ParameterValue] | None = Field(
        None,
        description="`binary_data_size`: the number of bytes of this input in the binary part "
        "of the body (Triton's binary tensor data extension).",
    )
    data: Annotated[Any, WithJsonSchema(_DATA_SCHEMA)] = Field(
        None, description="Flat row-major values (absent when the data is binary)."
    )


class OipRequestOutput(_Strict):
    """One wanted output; `parameters.binary_data: true` returns it as bytes."""

    name: str = Field(description="Output name: value, derivative, loss, grad, params.w, ...")
    parameters: dict[str, ParameterValue] | None = Field(
        None, description="`binary_data` (boolean): return this output in the binary part."
    )


class OipInferRequest(_Strict):
    """An inference request (the JSON header). Everything that is not a tensor is a
    parameter with its /v1 field name (`axis`, `from_logits`, `reduction`, `lr`, `beta1`,
    `step`, ...); `/v1` objects go flat with dots (`clip.global_norm`, `regularization.l2`,
    `schedule.name`), pairs by index (`etas.0`, `etas.1`)."""

    id: str | None = Field(None, description="Echoed in the response.")
    parameters: dict[str, ParameterValue] | None = Field(
        None,
        description="Request parameters; `binary_data_output: true` returns every output in "
        "binary.",
    )
    binary_data_output: StrictBool | None = Field(
        None,
        description="As `parameters.binary_data_output` (either place; when both are given "
        "they must agree).",
    )
    inputs: list[OipRequestInput] = Field(description="The input tensors.")
    outputs: list[OipRequestOutput] | None = Field(
        None, description="The outputs wanted (default: the model's default outputs)."
    )


class OipResponseOutput(BaseModel):
    name: str
    datatype: str = Field(description="FP64 or FP32: the dtype the computation ran in.")
    shape: list[int]
    parameters: dict[str, Any] | None = Field(
        None, description="`binary_data_size` when the output's bytes follow the header."
    )
    data: Annotated[Any, WithJsonSchema(_DATA_SCHEMA)] = Field(
        None, description="Flat row-major values (absent when binary)."
    )


class OipInferResponse(BaseModel):
    """The inference response (the JSON header when binary outputs follow it)."""

    model_name: str
    model_version: str | None = None
    id: str | None = None
    parameters: dict[str, Any] | None = Field(
        None,
        description="Scalars: a loss (`loss`, `warnings`), optimizer statistics (`step`, `lr`, "
        "`grad_norm`, `clipped`, `update_norm`, ...). Non-finite numbers are strings.",
    )
    outputs: list[OipResponseOutput]


class OipServerMetadata(BaseModel):
    name: str = Field(description="gradserve")
    version: str
    extensions: list[str] = Field(description="Protocol extensions, e.g. binary_tensor_data.")


class OipServerLive(BaseModel):
    live: bool


class OipServerReady(BaseModel):
    ready: bool


class OipModelReady(BaseModel):
    name: str
    ready: bool


class OipTensorMetadata(BaseModel):
    name: str
    datatype: str = Field(description="The declared datatype (others may be accepted).")
    shape: list[int] = Field(description="-1 marks a free dimension.")
    optional: bool = Field(False, description="Inputs: may be left out.")
    description: str = ""


class OipParameterMetadata(BaseModel):
    name: str
    type: str = Field(description="float, int, bool or str.")
    default: Any = None
    description: str = ""


class OipModelMetadata(BaseModel):
    name: str = Field(description="The canonical model name, e.g. activations.sigmoid.")
    versions: list[str]
    platform: str
    inputs: list[OipTensorMetadata]
    outputs: list[OipTensorMetadata]
    parameters: list[OipParameterMetadata] = Field(
        default_factory=list, description="Request parameters the model accepts (gradserve)."
    )


class OipConfigInput(BaseModel):
    """One input of a model configuration (Triton's ModelInput)."""

    name: str
    data_type: str = Field(description="TYPE_FP64 or TYPE_INT64 (TYPE_FP32 is accepted too).")
    format: str = Field("FORMAT_NONE", description="Always FORMAT_NONE.")
    dims: list[int] = Field(description="-1 marks a free dimension.")
    is_shape_tensor: bool = False
    allow_ragged_batch: bool = False
    optional: bool = Field(False, description="May be left out.")


class OipConfigOutput(BaseModel):
    """One output of a model configuration (Triton's ModelOutput)."""

    name: str
    data_type: str = Field(description="TYPE_FP64 (TYPE_FP32 when the request ran in float32).")
    dims: list[int] = Field(description="-1 marks a free dimension.")
    label_filename: str = ""
    is_shape_tensor: bool = False


class OipLatestVersions(BaseModel):
    """The latest versions are served."""

    num_versions: int = Field(description="How many: 1 (any version answers).")


class OipVersionPolicy(BaseModel):
    """Which versions are served: {"latest": {"num_versions": 1}}."""

    latest: OipLatestVersions


class OipModelConfig(BaseModel):
    """A model's configuration in Triton's JSON form (the model configuration extension, as
    tritonclient's `get_model_config()` reads it): what the model metadata says, in
    Triton's model-config field names and TYPE_ datatypes."""

    name: str = Field(description="The canonical model name, e.g. activations.sigmoid.")
    platform: str = Field(description="gradserve")
    backend: str = Field(description="gradserve")
    version_policy: OipVersionPolicy
    max_batch_size: int = Field(
        0, description="0: the model batches nothing itself; shapes are given whole."
    )
    input: list[OipConfigInput]
    output: list[OipConfigOutput]


class OipStatDuration(BaseModel):
    """How many, and their total time in nanoseconds."""

    count: int
    ns: int


class OipInferenceStats(BaseModel):
    """A model's inference requests by outcome, and the successful ones by phase."""

    success: OipStatDuration = Field(description="Requests answered 200: whole time.")
    fail: OipStatDuration = Field(description="Requests of this model answered with an error.")
    queue: OipStatDuration = Field(description="Waiting for a compute thread.")
    compute_input: OipStatDuration = Field(description="Decoding the inputs.")
    compute_infer: OipStatDuration = Field(description="Computing.")
    compute_output: OipStatDuration = Field(description="Encoding the outputs.")


class OipModelStat(BaseModel):
    """One model's statistics since the server started, summed over its workers."""

    name: str = Field(description="The canonical model name, e.g. activations.sigmoid.")
    version: str = Field(description="1 (any version counts here).")
    last_inference: int = Field(
        description="When the last inference request ended, ms since the Unix epoch (0: none)."
    )
    inference_count: int = Field(description="Successful inferences (one per request).")
    execution_count: int = Field(description="Executions: one per successful request.")
    inference_stats: OipInferenceStats


class OipStatistics(BaseModel):
    """Triton's statistics extension (tritonclient's `get_inference_statistics()`)."""

    model_stats: list[OipModelStat]


class OipRepositoryIndexRequest(_Strict):
    """Triton's model repository index request (every field optional; an empty body too)."""

    ready: StrictBool | None = Field(
        None, description="Only the models ready for inference (every model here is)."
    )


class OipRepositoryModel(BaseModel):
    """One model of the repository index (Triton's model repository extension)."""

    name: str = Field(description="The canonical model name, e.g. activations.sigmoid.")
    version: str = Field(description="The version the index lists (any version answers).")
    state: str = Field(description="READY: every model is built in and loaded.")
    reason: str = Field("", description="Why a model is not ready (always empty here).")


class OipRepositoryIndex(RootModel[list[OipRepositoryModel]]):
    """Every model of the repository, as Triton's index lists them (a JSON array)."""


class OipError(BaseModel):
    """An error in the Open Inference Protocol's form."""

    error: str = Field(description="What went wrong, naming the input or parameter at fault.")


OIP_ERROR_TEXT: dict[int, str] = {
    400: "Bad input; `error` names the input, output or parameter and what was expected.",
    404: "Unknown model.",
    405: "Method not allowed (see the Allow header).",
    413: "Body larger than GRADSERVE_MAX_BODY_BYTES.",
}


def oip_error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for /v2 errors; "4XX" says that every other client error has the
    same form (and keeps FastAPI from documenting a 422 that /v2 never sends)."""
    out: dict[int | str, dict[str, Any]] = {
        c: {"model": OipError, "description": OIP_ERROR_TEXT.get(c, "Error.")} for c in codes
    }
    out["4XX"] = {"model": OipError, "description": "Any other client error, in the same form."}
    return out
