from typing import Literal

LossRequestDtypeType0 = Literal["float32", "float64"]

LOSS_REQUEST_DTYPE_TYPE_0_VALUES: set[LossRequestDtypeType0] = {
    "float32",
    "float64",
}


def check_loss_request_dtype_type_0(value: str) -> LossRequestDtypeType0:
    if value in LOSS_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_REQUEST_DTYPE_TYPE_0_VALUES!r}")
