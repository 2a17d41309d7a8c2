from typing import Literal

MeanStdStdType1 = Literal["-Infinity", "Infinity", "NaN"]

MEAN_STD_STD_TYPE_1_VALUES: set[MeanStdStdType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_mean_std_std_type_1(value: str) -> MeanStdStdType1:
    if value in MEAN_STD_STD_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEAN_STD_STD_TYPE_1_VALUES!r}")
