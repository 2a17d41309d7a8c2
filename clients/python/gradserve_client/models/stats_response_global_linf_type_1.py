from typing import Literal

StatsResponseGlobalLinfType1 = Literal["-Infinity", "Infinity", "NaN"]

STATS_RESPONSE_GLOBAL_LINF_TYPE_1_VALUES: set[StatsResponseGlobalLinfType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_stats_response_global_linf_type_1(value: str) -> StatsResponseGlobalLinfType1:
    if value in STATS_RESPONSE_GLOBAL_LINF_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_RESPONSE_GLOBAL_LINF_TYPE_1_VALUES!r}")
