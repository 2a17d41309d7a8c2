from typing import Literal

StatsRequestTensorsB64TensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STATS_REQUEST_TENSORS_B64_TENSOR_DTYPE_VALUES: set[StatsRequestTensorsB64TensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_stats_request_tensors_b64_tensor_dtype(value: str) -> StatsRequestTensorsB64TensorDtype:
    if value in STATS_REQUEST_TENSORS_B64_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_REQUEST_TENSORS_B64_TENSOR_DTYPE_VALUES!r}")
