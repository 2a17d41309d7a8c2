from typing import Literal

TensorStatsVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

TENSOR_STATS_VERDICT_VALUES: set[TensorStatsVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_tensor_stats_verdict(value: str) -> TensorStatsVerdict:
    if value in TENSOR_STATS_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_STATS_VERDICT_VALUES!r}")
