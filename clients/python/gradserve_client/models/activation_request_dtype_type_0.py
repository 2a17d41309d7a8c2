from typing import Literal

ActivationRequestDtypeType0 = Literal["float32", "float64"]

ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES: set[ActivationRequestDtypeType0] = {
    "float32",
    "float64",
}


def check_activation_request_dtype_type_0(value: str) -> ActivationRequestDtypeType0:
    if value in ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVATION_REQUEST_DTYPE_TYPE_0_VALUES!r}")
