from typing import Literal

StepStatsGradNormType1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_STATS_GRAD_NORM_TYPE_1_VALUES: set[StepStatsGradNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_stats_grad_norm_type_1(value: str) -> StepStatsGradNormType1:
    if value in STEP_STATS_GRAD_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_STATS_GRAD_NORM_TYPE_1_VALUES!r}")
