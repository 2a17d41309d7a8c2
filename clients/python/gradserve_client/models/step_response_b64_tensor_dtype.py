from typing import Literal

StepResponseB64TensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STEP_RESPONSE_B64_TENSOR_DTYPE_VALUES: set[StepResponseB64TensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_step_response_b64_tensor_dtype(value: str) -> StepResponseB64TensorDtype:
    if value in STEP_RESPONSE_B64_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_RESPONSE_B64_TENSOR_DTYPE_VALUES!r}")
