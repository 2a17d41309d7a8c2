from typing import Literal

MismatchReferenceType1 = Literal["-Infinity", "Infinity", "NaN"]

MISMATCH_REFERENCE_TYPE_1_VALUES: set[MismatchReferenceType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_mismatch_reference_type_1(value: str) -> MismatchReferenceType1:
    if value in MISMATCH_REFERENCE_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MISMATCH_REFERENCE_TYPE_1_VALUES!r}")
