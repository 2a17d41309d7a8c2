from typing import Literal

MeanStdMeanType1 = Literal["-Infinity", "Infinity", "NaN"]

MEAN_STD_MEAN_TYPE_1_VALUES: set[MeanStdMeanType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_mean_std_mean_type_1(value: str) -> MeanStdMeanType1:
    if value in MEAN_STD_MEAN_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEAN_STD_MEAN_TYPE_1_VALUES!r}")
