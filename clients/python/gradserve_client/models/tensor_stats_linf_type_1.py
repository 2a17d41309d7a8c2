from typing import Literal

TensorStatsLinfType1 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_STATS_LINF_TYPE_1_VALUES: set[TensorStatsLinfType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_stats_linf_type_1(value: str) -> TensorStatsLinfType1:
    if value in TENSOR_STATS_LINF_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_LINF_TYPE_1_VALUES!r}")
