from typing import Literal

VerifyActivationRequestDtypeType0 = Literal["float16", "float32", "float64"]

VERIFY_ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES: set[VerifyActivationRequestDtypeType0] = {
    "float16",
    "float32",
    "float64",
}


def check_verify_activation_request_dtype_type_0(value: str) -> VerifyActivationRequestDtypeType0:
    if value in VERIFY_ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES!r}")
