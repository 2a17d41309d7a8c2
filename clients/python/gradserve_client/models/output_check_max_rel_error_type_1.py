from typing import Literal

OutputCheckMaxRelErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

OUTPUT_CHECK_MAX_REL_ERROR_TYPE_1_VALUES: set[OutputCheckMaxRelErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_output_check_max_rel_error_type_1(value: str) -> OutputCheckMaxRelErrorType1:
    if value in OUTPUT_CHECK_MAX_REL_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OUTPUT_CHECK_MAX_REL_ERROR_TYPE_1_VALUES!r}")
