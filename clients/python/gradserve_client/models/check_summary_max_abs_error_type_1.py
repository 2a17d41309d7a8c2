from typing import Literal

CheckSummaryMaxAbsErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

CHECK_SUMMARY_MAX_ABS_ERROR_TYPE_1_VALUES: set[CheckSummaryMaxAbsErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_check_summary_max_abs_error_type_1(value: str) -> CheckSummaryMaxAbsErrorType1:
    if value in CHECK_SUMMARY_MAX_ABS_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHECK_SUMMARY_MAX_ABS_ERROR_TYPE_1_VALUES!r}")
