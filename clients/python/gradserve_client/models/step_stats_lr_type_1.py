from typing import Literal

StepStatsLrType1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_STATS_LR_TYPE_1_VALUES: set[StepStatsLrType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_stats_lr_type_1(value: str) -> StepStatsLrType1:
    if value in STEP_STATS_LR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_STATS_LR_TYPE_1_VALUES!r}")
