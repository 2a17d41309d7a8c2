from typing import Literal

StatsThresholdsNorm = Literal["l2", "linf", "rms"]

STATS_THRESHOLDS_NORM_VALUES: set[StatsThresholdsNorm] = {
    "l2",
    "linf",
    "rms",
}


def check_stats_thresholds_norm(value: str) -> StatsThresholdsNorm:
    if value in STATS_THRESHOLDS_NORM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_THRESHOLDS_NORM_VALUES!r}")
