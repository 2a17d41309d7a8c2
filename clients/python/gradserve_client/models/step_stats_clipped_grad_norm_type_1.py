from typing import Literal

StepStatsClippedGradNormType1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_STATS_CLIPPED_GRAD_NORM_TYPE_1_VALUES: set[StepStatsClippedGradNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_stats_clipped_grad_norm_type_1(value: str) -> StepStatsClippedGradNormType1:
    if value in STEP_STATS_CLIPPED_GRAD_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_STATS_CLIPPED_GRAD_NORM_TYPE_1_VALUES!r}")
