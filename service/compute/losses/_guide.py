"""GET /v1/guide: which output activation, loss, label encoding and width for a task.

The recommendations are the textbook ones: regression -> linear + mse; binary -> sigmoid +
binary cross-entropy on one unit (or softmax + categorical cross-entropy on two); multiclass
-> softmax + categorical cross-entropy with one-hot labels, or sparse categorical
cross-entropy with integer labels, one unit per class; multilabel -> sigmoid + binary
cross-entropy per class.
"""

from __future__ import annotations

from typing import Any

from service.compute.errors import InvalidInputError

TASKS = ("regression", "binary", "multiclass", "multilabel")

_STABLE = (
    "For numerical stability, feed the pre-activation outputs (logits) to the loss with "
    "from_logits=true: the activation is then fused into the loss (log-sum-exp / "
    "log-sigmoid) and no probability is clipped."
)


def _rec(
    activation: str, loss: str, encoding: str, width: str, reason: str, **params: Any
) -> dict[str, Any]:
    return {
        "output_activation": activation,
        "loss": loss,
        "loss_params": params,
        "label_encoding": encoding,
        "output_width": width,
        "reason": reason,
    }


_GUIDE: dict[str, dict[str, Any]] = {
    "regression": {
        "summary": "Predict one or more real numbers.",
        "recommended": _rec(
            "linear",
            "mse",
            "real",
            "one unit per target",
            "A linear output can take any real value; mean squared error is the Gaussian "
            "negative log-likelihood, and its gradient 2(p - y)/C is proportional to the "
            "error.",
        ),
        "alternatives": [
            _rec(
                "linear",
                "mae",
                "real",
                "one unit per target",
                "Less sensitive to outliers (gradient of constant size).",
            ),
            _rec(
                "linear",
                "huber",
                "real",
                "one unit per target",
                "Quadratic near the target and linear far from it: mse's smoothness with "
                "mae's robustness.",
                delta=1.0,
            ),
            _rec(
                "linear",
                "gaussian_nll",
                "real",
                "one unit per target for the mean (y_pred) and one per target for the "
                "variance (softplus, sent as var)",
                "Predicts its own uncertainty: the Gaussian negative log-likelihood with a "
                "learned variance down-weights the error where the variance is large "
                "(PyTorch's GaussianNLLLoss).",
            ),
            _rec(
                "linear",
                "poisson_nll",
                "count (non-negative integer)",
                "one unit per target (the log-rate)",
                "Counts: the Poisson negative log-likelihood on the log-rate, exp(z) - y z "
                "(PyTorch's PoissonNLLLoss); full=true adds the Stirling term.",
            ),
        ],
        "notes": [],
    },
    "binary": {
        "summary": "Two classes, one label per sample.",
        "recommended": _rec(
            "sigmoid",
            "binary_crossentropy",
            "0 or 1 per sample (one column)",
            "1",
            "The sigmoid gives P(class 1) in (0, 1); binary cross-entropy is its negative "
            "log-likelihood, and sigmoid + cross-entropy has the gradient p - y with respect "
            "to the logit: no vanishing gradient when the prediction is confidently wrong.",
        ),
        "alternatives": [
            _rec(
                "softmax",
                "categorical_crossentropy",
                "one-hot over 2 classes",
                "2",
                "Equivalent to the sigmoid on the difference of the two logits; uses one "
                "redundant unit.",
            )
        ],
        "notes": [_STABLE],
    },
    "multiclass": {
        "summary": "C mutually exclusive classes, exactly one label per sample.",
        "recommended": _rec(
            "softmax",
            "categorical_crossentropy",
            "one-hot (length C per sample)",
            "one unit per class (C)",
            "Softmax turns C scores into a probability distribution; categorical "
            "cross-entropy -log p_true is its negative log-likelihood, and the gradient of "
            "softmax + cross-entropy on the logits is p - y.",
        ),
        "alternatives": [
            _rec(
                "softmax",
                "sparse_categorical_crossentropy",
                "integer class index per sample",
                "one unit per class (C)",
                "The same loss with integer labels: no one-hot matrix to build or send.",
            ),
            _rec(
                "linear",
                "multi_margin",
                "integer class index per sample",
                "one unit per class (C)",
                "SVM-style margin on raw scores (PyTorch's MultiMarginLoss): zero loss once "
                "the true score leads every other by the margin.",
            ),
        ],
        "notes": [
            _STABLE,
            "softmax_cross_entropy is the fused softmax + categorical cross-entropy on logits.",
        ],
    },
    "multilabel": {
        "summary": "C independent yes/no labels per sample (several may be on).",
        "recommended": _rec(
            "sigmoid",
            "binary_crossentropy",
            "multi-hot: 0 or 1 per class",
            "one unit per class (C)",
            "Each label is its own binary problem: one sigmoid per class and binary "
            "cross-entropy per class, averaged over the classes. Softmax would force the "
            "labels to compete for one unit of probability.",
        ),
        "alternatives": [
            _rec(
                "sigmoid",
                "binary_focal_crossentropy",
                "multi-hot: 0 or 1 per class",
                "one unit per class (C)",
                "Down-weights easy, well-classified labels when positives are rare.",
            ),
            _rec(
                "linear",
                "multilabel_soft_margin",
                "multi-hot: 0 or 1 per class",
                "one unit per class (C)",
                "PyTorch's MultiLabelSoftMarginLoss: binary cross-entropy from logits per "
                "class, averaged over the classes (the same numbers as the recommendation "
                "with from_logits=true).",
            ),
            _rec(
                "sigmoid",
                "dice",
                "multi-hot or a mask: 0 or 1 per class or pixel",
                "one unit per class (or per pixel)",
                "Overlap-based (Keras' Dice): insensitive to the many true negatives of "
                "segmentation masks; axis=-1 gives one loss per sample.",
                axis=-1,
            ),
        ],
        "notes": [_STABLE],
    },
}


def guide(task: str) -> dict[str, Any]:
    """The recommendation for one task; InvalidInputError (loc ("query", "task")) otherwise."""
    key = task.strip().lower() if isinstance(task, str) else task
    if key not in _GUIDE:
        raise InvalidInputError(
            f"expected one of {', '.join(TASKS)}, got {task!r}", ("query", "task")
        )
    return {"task": key, **_GUIDE[key]}
