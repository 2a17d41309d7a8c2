from typing import Literal

VerifyResponseDtype = Literal["float16", "float32", "float64"]

VERIFY_RESPONSE_DTYPE_VALUES: set[VerifyResponseDtype] = {
    "float16",
    "float32",
    "float64",
}


def check_verify_response_dtype(value: str) -> VerifyResponseDtype:
    if value in VERIFY_RESPONSE_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_RESPONSE_DTYPE_VALUES!r}")
