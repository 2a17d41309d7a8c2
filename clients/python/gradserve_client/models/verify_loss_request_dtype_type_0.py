from typing import Literal

VerifyLossRequestDtypeType0 = Literal["float16", "float32", "float64"]

VERIFY_LOSS_REQUEST_DTYPE_TYPE_0_VALUES: set[VerifyLossRequestDtypeType0] = {
    "float16",
    "float32",
    "float64",
}


def check_verify_loss_request_dtype_type_0(value: str) -> VerifyLossRequestDtypeType0:
    if value in VERIFY_LOSS_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_LOSS_REQUEST_DTYPE_TYPE_0_VALUES!r}")
