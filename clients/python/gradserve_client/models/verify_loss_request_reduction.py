from typing import Literal

VerifyLossRequestReduction = Literal["mean", "none", "sum"]

VERIFY_LOSS_REQUEST_REDUCTION_VALUES: set[VerifyLossRequestReduction] = {
    "mean",
    "none",
    "sum",
}


def check_verify_loss_request_reduction(value: str) -> VerifyLossRequestReduction:
    if value in VERIFY_LOSS_REQUEST_REDUCTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_LOSS_REQUEST_REDUCTION_VALUES!r}")
