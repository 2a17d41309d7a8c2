from typing import Literal

GradcheckResponseMode = Literal["elementwise", "full", "projections"]

GRADCHECK_RESPONSE_MODE_VALUES: set[GradcheckResponseMode] = {
    "elementwise",
    "full",
    "projections",
}


def check_gradcheck_response_mode(value: str) -> GradcheckResponseMode:
    if value in GRADCHECK_RESPONSE_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADCHECK_RESPONSE_MODE_VALUES!r}")
