from typing import Literal

GradcheckRequestReduction = Literal["mean", "none", "sum"]

GRADCHECK_REQUEST_REDUCTION_VALUES: set[GradcheckRequestReduction] = {
    "mean",
    "none",
    "sum",
}


def check_gradcheck_request_reduction(value: str) -> GradcheckRequestReduction:
    if value in GRADCHECK_REQUEST_REDUCTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADCHECK_REQUEST_REDUCTION_VALUES!r}")
