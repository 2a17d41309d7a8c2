from typing import Literal

OutputCheckMaxUlpType1 = Literal["-Infinity", "Infinity", "NaN"]

OUTPUT_CHECK_MAX_ULP_TYPE_1_VALUES: set[OutputCheckMaxUlpType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_output_check_max_ulp_type_1(value: str) -> OutputCheckMaxUlpType1:
    if value in OUTPUT_CHECK_MAX_ULP_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OUTPUT_CHECK_MAX_ULP_TYPE_1_VALUES!r}")
