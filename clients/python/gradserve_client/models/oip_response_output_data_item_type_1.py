from typing import Literal

OipResponseOutputDataItemType1 = Literal["-Infinity", "Infinity", "NaN"]

OIP_RESPONSE_OUTPUT_DATA_ITEM_TYPE_1_VALUES: set[OipResponseOutputDataItemType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_oip_response_output_data_item_type_1(value: str) -> OipResponseOutputDataItemType1:
    if value in OIP_RESPONSE_OUTPUT_DATA_ITEM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OIP_RESPONSE_OUTPUT_DATA_ITEM_TYPE_1_VALUES!r}")
