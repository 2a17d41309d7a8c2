from typing import Literal

StepResponseFlatTensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STEP_RESPONSE_FLAT_TENSOR_DTYPE_VALUES: set[StepResponseFlatTensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_step_response_flat_tensor_dtype(value: str) -> StepResponseFlatTensorDtype:
    if value in STEP_RESPONSE_FLAT_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_RESPONSE_FLAT_TENSOR_DTYPE_VALUES!r}")
