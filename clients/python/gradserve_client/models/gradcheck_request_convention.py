from typing import Literal

GradcheckRequestConvention = Literal["keras", "torch"]

GRADCHECK_REQUEST_CONVENTION_VALUES: set[GradcheckRequestConvention] = {
    "keras",
    "torch",
}


def check_gradcheck_request_convention(value: str) -> GradcheckRequestConvention:
    if value in GRADCHECK_REQUEST_CONVENTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADCHECK_REQUEST_CONVENTION_VALUES!r}")
