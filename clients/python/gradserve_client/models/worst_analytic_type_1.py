from typing import Literal

WorstAnalyticType1 = Literal["-Infinity", "Infinity", "NaN"]

WORST_ANALYTIC_TYPE_1_VALUES: set[WorstAnalyticType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_worst_analytic_type_1(value: str) -> WorstAnalyticType1:
    if value in WORST_ANALYTIC_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORST_ANALYTIC_TYPE_1_VALUES!r}")
