"""Typed catalog entries (the GET endpoints of every family) and the service info.

Entries are built by the compute registries as plain dicts; these models document them for
generated clients. They allow extra keys (``extra="allow"``) so that a new catalog field
reaches clients as an additional property before it is typed here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class CatalogModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class ParamInfo(CatalogModel):
    """One parameter or hyperparameter of a catalog entry."""

    name: str = Field(description="The canonical parameter name (PyTorch's where it has one).")
    type: str = Field(description="float, int, bool, str, tensor, float_pair, ...")
    default: Any = Field(description="The default value (null: none or computed).")
    range: str | None = Field(
        description="Allowed values of a number, e.g. '[0, 1)' ('(-inf, inf)': any finite "
        "number), or of a string with choices ('one of ...'); null for a boolean or a free "
        "string. A constraint between parameters (hard_tanh's min_val <= max_val) is stated "
        "in their descriptions."
    )
    description: str = Field(description="What it does.")
    aliases: list[str] = Field(description="PyTorch/Keras/optax spellings accepted for it.")
    learnable: bool | None = Field(None, description="A learnable parameter (PReLU's alpha).")
    choices: list[Any] | None = Field(None, description="The allowed values, when a set.")


class NonFiniteRule(CatalogModel):
    """What NaN and ±inf inputs give, and whether PyTorch agrees."""

    rule: str = Field(description="What NaN and ±inf inputs give.")
    torch: str = Field(description="'agrees', or how PyTorch differs.")


class ActivationEntry(CatalogModel):
    """One activation of the catalog."""

    name: str = Field(description="Canonical name (the URL segment).")
    aliases: list[str] = Field(description="PyTorch and Keras spellings.")
    kind: Literal["elementwise", "vector"] = Field(description="Elementwise or along `axis`.")
    params: list[ParamInfo] = Field(description="Parameters with defaults and ranges.")
    formula: str = Field(description="f(x) in LaTeX.")
    derivative: str = Field(description="f'(x) (or the Jacobian) in LaTeX.")
    range: str = Field(description="Output range.")
    zero_centered: bool
    monotonic: bool
    smooth: bool
    kinks: str = Field(description="The derivative's convention at kinks (PyTorch's).")
    use: str = Field(description="Typical use (hidden layers, output for which task).")
    torch: str | None = Field(description="The PyTorch function, if any.")
    keras: str | None = Field(description="The Keras function, if any.")
    differences: str = Field(description="How PyTorch, Keras and JAX differ.")
    nonfinite: NonFiniteRule | None = Field(None, description="NaN and ±inf inputs.")
    second_derivative: str | None = Field(
        None,
        description="f''(x) in LaTeX (elementwise functions; = torch's double backward, "
        "its convention at kinks).",
    )


class LossEntry(CatalogModel):
    """One loss of the catalog."""

    name: str = Field(description="Canonical name (the URL segment).")
    aliases: list[str] = Field(description="PyTorch, Keras and optax spellings.")
    description: str
    params: list[ParamInfo] = Field(description="Parameters with defaults and ranges.")
    formula: str = Field(description="The per-sample loss in LaTeX.")
    gradient_formula: str = Field(description="dL/dy_pred in LaTeX.")
    y_true_encoding: str = Field(description="one_hot, index, probability, real, ±1, ...")
    y_pred: str = Field(description="What y_pred holds: probabilities, logits, real values.")
    pairs_with: list[str] = Field(description="Output activations it pairs with.")
    pairs_with_from_logits: list[str] | None = Field(
        description="Output activations it pairs with under from_logits."
    )
    per_sample_reduction: str = Field(description="How the last axis is reduced per sample.")
    reductions: list[str] = Field(description="Reductions accepted.")
    torch: str | None
    keras: str | None
    optax: str | None
    differences: list[str] = Field(description="How PyTorch, Keras and optax differ.")
    conventions: dict[str, str] = Field(description="What each `convention` changes.")
    alias_defaults: dict[str, dict[str, Any]] = Field(
        description="Aliases that imply parameter values (BCEWithLogitsLoss → from_logits)."
    )
    reference: str
    nonfinite: NonFiniteRule | None = Field(None, description="NaN and ±inf inputs.")
    inputs: list[str] | None = Field(
        None,
        description="Issue 12's losses: the tensor fields that take a gradient, main input "
        "first (`grad` is its gradient, `grads` has each), e.g. [x1, x2], [anchor, positive, "
        "negative], [y_pred, var], [y_pred].",
    )


class OptimizerConvention(CatalogModel):
    """An optimizer under another convention (convention: "keras" of the step endpoint)."""

    available: bool = Field(description="False: the framework has no such optimizer (a 422).")
    changes: str = Field(description="What the convention changes against torch's form.")
    hyperparams: list[ParamInfo] | None = Field(None, description="Names, defaults, ranges.")
    update_rule: str | None = Field(None, description="The update in LaTeX.")
    state_slots: list[str] | None = Field(None, description="Names of the state's slots.")
    reference: str | None = Field(None, description="The implementation followed.")


class OptimizerDiagnosis(CatalogModel):
    """A recognised variant of one step (a diagnosis of POST /v1/verify)."""

    name: str
    detail: str


class OptimizerEntry(CatalogModel):
    """One optimizer of the catalog."""

    name: str = Field(description="Canonical name (the URL segment).")
    aliases: list[str]
    summary: str
    hyperparams: list[ParamInfo] = Field(description="torch names, defaults, ranges, aliases.")
    update_rule: str = Field(description="The update in LaTeX.")
    state_slots: list[str] = Field(description="Names of the state's slots.")
    reference: str = Field(description="The reference implementation followed.")
    differences: dict[str, str] = Field(description="Per framework (keras, optax): differences.")
    nonfinite: NonFiniteRule | None = Field(None, description="NaN and ±inf gradients.")
    conventions: dict[str, OptimizerConvention] = Field(
        default_factory=dict,
        description='Per convention other than torch ("keras"): whether the optimizer has it, '
        "what it changes, and its hyperparameters (Keras spelling and defaults), update rule "
        "and state slots.",
    )
    diagnoses: list[OptimizerDiagnosis] = Field(
        default_factory=list,
        description="Variants POST /v1/verify recognises in a client's step (besides "
        "sign_flipped and scaled).",
    )
    step_cost: int = Field(
        description="Work units one step of this optimizer costs a trajectory "
        "(GRADSERVE_MAX_TRAJECTORY_WORK bounds steps × the step costs of the separately "
        "stepped runs; clipping adds 2; runs stepped in lockstep count once).",
        examples=[4],
    )


class ScheduleEntry(CatalogModel):
    name: str
    params: list[ParamInfo]
    formula: str
    reference: str


class ObjectiveEntry(CatalogModel):
    name: str
    aliases: list[str]
    formula: str
    description: str
    params: list[ParamInfo]
    minima: list[list[float]] = Field(description="Known minima [x, y] (none for saddle).")
    default_start: list[float]
    bounds: list[float] = Field(description="[xmin, xmax, ymin, ymax] of the plot.")


class Limit(BaseModel):
    value: int | float = Field(description="The limit in force.")
    setting: str = Field(description="The GRADSERVE_* environment variable that sets it.")


class CompressionInfo(BaseModel):
    """How bodies may travel compressed (docs/wire.md, Compression)."""

    request_codings: list[str] = Field(
        description="Content-Encoding values a request body may carry (besides identity)."
    )
    response_level: int = Field(
        description="zlib level of answers compressed as Accept-Encoding asks; 0: never "
        "(GRADSERVE_COMPRESS_LEVEL)."
    )
    response_min_bytes: int = Field(
        description="Smallest answer compressed (GRADSERVE_COMPRESS_MIN_BYTES)."
    )


class InfoResponse(BaseModel):
    """The service, its limits and its numeric stack."""

    name: str
    version: str
    limits: dict[str, Limit] = Field(description="Every limit in force, with its setting.")
    workers: int
    api_key_required: bool
    python: str
    platform: str
    numpy: str
    scipy: str
    blas: dict[str, Any] | None = Field(description="NumPy's BLAS/LAPACK build information.")
    blas_threads: int | None = Field(
        description="Threads the BLAS runs in the answering worker process "
        "(GRADSERVE_BLAS_THREADS)."
    )
    compression: CompressionInfo
