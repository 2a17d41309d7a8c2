from typing import Literal

OutputCheckAtolType1 = Literal["-Infinity", "Infinity", "NaN"]

OUTPUT_CHECK_ATOL_TYPE_1_VALUES: set[OutputCheckAtolType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_output_check_atol_type_1(value: str) -> OutputCheckAtolType1:
    if value in OUTPUT_CHECK_ATOL_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OUTPUT_CHECK_ATOL_TYPE_1_VALUES!r}")
