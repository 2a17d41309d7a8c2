from typing import Literal

OutputCheckMaxAbsErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

OUTPUT_CHECK_MAX_ABS_ERROR_TYPE_1_VALUES: set[OutputCheckMaxAbsErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_output_check_max_abs_error_type_1(value: str) -> OutputCheckMaxAbsErrorType1:
    if value in OUTPUT_CHECK_MAX_ABS_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OUTPUT_CHECK_MAX_ABS_ERROR_TYPE_1_VALUES!r}")
