from typing import Literal

VerifyLossRequestConvention = Literal["keras", "torch"]

VERIFY_LOSS_REQUEST_CONVENTION_VALUES: set[VerifyLossRequestConvention] = {
    "keras",
    "torch",
}


def check_verify_loss_request_convention(value: str) -> VerifyLossRequestConvention:
    if value in VERIFY_LOSS_REQUEST_CONVENTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_LOSS_REQUEST_CONVENTION_VALUES!r}")
