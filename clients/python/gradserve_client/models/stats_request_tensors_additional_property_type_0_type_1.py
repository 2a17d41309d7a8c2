from typing import Literal

StatsRequestTensorsAdditionalPropertyType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

STATS_REQUEST_TENSORS_ADDITIONAL_PROPERTY_TYPE_0_TYPE_1_VALUES: set[StatsRequestTensorsAdditionalPropertyType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_stats_request_tensors_additional_property_type_0_type_1(
    value: str,
) -> StatsRequestTensorsAdditionalPropertyType0Type1:
    if value in STATS_REQUEST_TENSORS_ADDITIONAL_PROPERTY_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATS_REQUEST_TENSORS_ADDITIONAL_PROPERTY_TYPE_0_TYPE_1_VALUES!r}"
    )
