from typing import Literal

StepStatsPenaltyType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_STATS_PENALTY_TYPE_0_TYPE_1_VALUES: set[StepStatsPenaltyType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_stats_penalty_type_0_type_1(value: str) -> StepStatsPenaltyType0Type1:
    if value in STEP_STATS_PENALTY_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_STATS_PENALTY_TYPE_0_TYPE_1_VALUES!r}")
