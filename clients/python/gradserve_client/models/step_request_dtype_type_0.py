from typing import Literal

StepRequestDtypeType0 = Literal["float32", "float64"]

STEP_REQUEST_DTYPE_TYPE_0_VALUES: set[StepRequestDtypeType0] = {
    "float32",
    "float64",
}


def check_step_request_dtype_type_0(value: str) -> StepRequestDtypeType0:
    if value in STEP_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_REQUEST_DTYPE_TYPE_0_VALUES!r}")
