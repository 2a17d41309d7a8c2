from typing import Literal

LossRequestReduction = Literal["mean", "none", "sum"]

LOSS_REQUEST_REDUCTION_VALUES: set[LossRequestReduction] = {
    "mean",
    "none",
    "sum",
}


def check_loss_request_reduction(value: str) -> LossRequestReduction:
    if value in LOSS_REQUEST_REDUCTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_REQUEST_REDUCTION_VALUES!r}")
