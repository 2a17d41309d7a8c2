from typing import Literal

StatsResponseVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

STATS_RESPONSE_VERDICT_VALUES: set[StatsResponseVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_stats_response_verdict(value: str) -> StatsResponseVerdict:
    if value in STATS_RESPONSE_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATS_RESPONSE_VERDICT_VALUES!r}")
