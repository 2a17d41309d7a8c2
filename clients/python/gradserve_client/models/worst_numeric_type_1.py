from typing import Literal

WorstNumericType1 = Literal["-Infinity", "Infinity", "NaN"]

WORST_NUMERIC_TYPE_1_VALUES: set[WorstNumericType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_worst_numeric_type_1(value: str) -> WorstNumericType1:
    if value in WORST_NUMERIC_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORST_NUMERIC_TYPE_1_VALUES!r}")
