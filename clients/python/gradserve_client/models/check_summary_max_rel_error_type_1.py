from typing import Literal

CheckSummaryMaxRelErrorType1 = Literal["-Infinity", "Infinity", "NaN"]

CHECK_SUMMARY_MAX_REL_ERROR_TYPE_1_VALUES: set[CheckSummaryMaxRelErrorType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_check_summary_max_rel_error_type_1(value: str) -> CheckSummaryMaxRelErrorType1:
    if value in CHECK_SUMMARY_MAX_REL_ERROR_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHECK_SUMMARY_MAX_REL_ERROR_TYPE_1_VALUES!r}")
