from typing import Literal

RunOutDistanceToMinimumType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

RUN_OUT_DISTANCE_TO_MINIMUM_TYPE_0_TYPE_1_VALUES: set[RunOutDistanceToMinimumType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_run_out_distance_to_minimum_type_0_type_1(value: str) -> RunOutDistanceToMinimumType0Type1:
    if value in RUN_OUT_DISTANCE_TO_MINIMUM_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RUN_OUT_DISTANCE_TO_MINIMUM_TYPE_0_TYPE_1_VALUES!r}")
