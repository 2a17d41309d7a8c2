from typing import Literal

TensorStatsMaxType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_STATS_MAX_TYPE_0_TYPE_1_VALUES: set[TensorStatsMaxType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_stats_max_type_0_type_1(value: str) -> TensorStatsMaxType0Type1:
    if value in TENSOR_STATS_MAX_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_MAX_TYPE_0_TYPE_1_VALUES!r}")
