from typing import Literal

WorstRelErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

WORST_REL_ERROR_TYPE_1_VALUES: set[WorstRelErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_worst_rel_error_type_1(value: str) -> WorstRelErrorType1:
    if value in WORST_REL_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORST_REL_ERROR_TYPE_1_VALUES!r}")
