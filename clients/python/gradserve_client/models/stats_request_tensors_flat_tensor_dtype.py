from typing import Literal

StatsRequestTensorsFlatTensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STATS_REQUEST_TENSORS_FLAT_TENSOR_DTYPE_VALUES: set[StatsRequestTensorsFlatTensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_stats_request_tensors_flat_tensor_dtype(value: str) -> StatsRequestTensorsFlatTensorDtype:
    if value in STATS_REQUEST_TENSORS_FLAT_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_REQUEST_TENSORS_FLAT_TENSOR_DTYPE_VALUES!r}")
