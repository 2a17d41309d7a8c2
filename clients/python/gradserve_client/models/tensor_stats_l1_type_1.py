from typing import Literal

TensorStatsL1Type1 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_STATS_L1_TYPE_1_VALUES: set[TensorStatsL1Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_stats_l1_type_1(value: str) -> TensorStatsL1Type1:
    if value in TENSOR_STATS_L1_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_L1_TYPE_1_VALUES!r}")
