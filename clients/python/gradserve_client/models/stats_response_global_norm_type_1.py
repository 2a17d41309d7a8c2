from typing import Literal

StatsResponseGlobalNormType1 = Literal["-Infinity", "Infinity", "NaN"]

STATS_RESPONSE_GLOBAL_NORM_TYPE_1_VALUES: set[StatsResponseGlobalNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_stats_response_global_norm_type_1(value: str) -> StatsResponseGlobalNormType1:
    if value in STATS_RESPONSE_GLOBAL_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_RESPONSE_GLOBAL_NORM_TYPE_1_VALUES!r}")
