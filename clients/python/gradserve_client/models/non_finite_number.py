from typing import Literal

NonFiniteNumber = Literal["-Infinity", "Infinity", "NaN"]

NON_FINITE_NUMBER_VALUES: set[NonFiniteNumber] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_non_finite_number(value: str) -> NonFiniteNumber:
    if value in NON_FINITE_NUMBER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NON_FINITE_NUMBER_VALUES!r}")
