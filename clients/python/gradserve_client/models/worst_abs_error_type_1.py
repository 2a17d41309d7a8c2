from typing import Literal

WorstAbsErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

WORST_ABS_ERROR_TYPE_1_VALUES: set[WorstAbsErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_worst_abs_error_type_1(value: str) -> WorstAbsErrorType1:
    if value in WORST_ABS_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORST_ABS_ERROR_TYPE_1_VALUES!r}")
