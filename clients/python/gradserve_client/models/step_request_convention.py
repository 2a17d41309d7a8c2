from typing import Literal

StepRequestConvention = Literal["keras", "torch"]

STEP_REQUEST_CONVENTION_VALUES: set[StepRequestConvention] = {
    "keras",
    "torch",
}


def check_step_request_convention(value: str) -> StepRequestConvention:
    if value in STEP_REQUEST_CONVENTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_REQUEST_CONVENTION_VALUES!r}")
