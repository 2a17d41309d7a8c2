from typing import Literal

VerifyOptimizerRequestDtypeType0 = Literal["float16", "float32", "float64"]

VERIFY_OPTIMIZER_REQUEST_DTYPE_TYPE_0_VALUES: set[VerifyOptimizerRequestDtypeType0] = {
    "float16",
    "float32",
    "float64",
}


def check_verify_optimizer_request_dtype_type_0(value: str) -> VerifyOptimizerRequestDtypeType0:
    if value in VERIFY_OPTIMIZER_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_OPTIMIZER_REQUEST_DTYPE_TYPE_0_VALUES!r}")
