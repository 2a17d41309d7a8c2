from typing import Literal

StepStatsUpdateNormType1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_STATS_UPDATE_NORM_TYPE_1_VALUES: set[StepStatsUpdateNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_stats_update_norm_type_1(value: str) -> StepStatsUpdateNormType1:
    if value in STEP_STATS_UPDATE_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_STATS_UPDATE_NORM_TYPE_1_VALUES!r}")
