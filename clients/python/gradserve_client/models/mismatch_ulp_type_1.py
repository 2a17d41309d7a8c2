from typing import Literal

MismatchUlpType1 = Literal["-Infinity", "Infinity", "NaN"]

MISMATCH_ULP_TYPE_1_VALUES: set[MismatchUlpType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_mismatch_ulp_type_1(value: str) -> MismatchUlpType1:
    if value in MISMATCH_ULP_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MISMATCH_ULP_TYPE_1_VALUES!r}")
