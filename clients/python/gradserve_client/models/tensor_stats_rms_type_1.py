from typing import Literal

TensorStatsRmsType1 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_STATS_RMS_TYPE_1_VALUES: set[TensorStatsRmsType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_stats_rms_type_1(value: str) -> TensorStatsRmsType1:
    if value in TENSOR_STATS_RMS_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_RMS_TYPE_1_VALUES!r}")
