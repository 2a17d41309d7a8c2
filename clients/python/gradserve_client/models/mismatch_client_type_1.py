from typing import Literal

MismatchClientType1 = Literal["-Infinity", "Infinity", "NaN"]

MISMATCH_CLIENT_TYPE_1_VALUES: set[MismatchClientType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_mismatch_client_type_1(value: str) -> MismatchClientType1:
    if value in MISMATCH_CLIENT_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MISMATCH_CLIENT_TYPE_1_VALUES!r}")
