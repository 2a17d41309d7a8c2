from typing import Literal

LossRequestConvention = Literal["keras", "torch"]

LOSS_REQUEST_CONVENTION_VALUES: set[LossRequestConvention] = {
    "keras",
    "torch",
}


def check_loss_request_convention(value: str) -> LossRequestConvention:
    if value in LOSS_REQUEST_CONVENTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_REQUEST_CONVENTION_VALUES!r}")
