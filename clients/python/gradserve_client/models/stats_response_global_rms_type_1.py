from typing import Literal

StatsResponseGlobalRmsType1 = Literal["-Infinity", "Infinity", "NaN"]

STATS_RESPONSE_GLOBAL_RMS_TYPE_1_VALUES: set[StatsResponseGlobalRmsType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_stats_response_global_rms_type_1(value: str) -> StatsResponseGlobalRmsType1:
    if value in STATS_RESPONSE_GLOBAL_RMS_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_RESPONSE_GLOBAL_RMS_TYPE_1_VALUES!r}")
