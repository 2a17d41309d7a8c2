from typing import Literal

TensorStatsMeanType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_STATS_MEAN_TYPE_0_TYPE_1_VALUES: set[TensorStatsMeanType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_stats_mean_type_0_type_1(value: str) -> TensorStatsMeanType0Type1:
    if value in TENSOR_STATS_MEAN_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_MEAN_TYPE_0_TYPE_1_VALUES!r}")
