from typing import Literal

OipRequestInputDataItemType1 = Literal["-Infinity", "Infinity", "NaN"]

OIP_REQUEST_INPUT_DATA_ITEM_TYPE_1_VALUES: set[OipRequestInputDataItemType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_oip_request_input_data_item_type_1(value: str) -> OipRequestInputDataItemType1:
    if value in OIP_REQUEST_INPUT_DATA_ITEM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OIP_REQUEST_INPUT_DATA_ITEM_TYPE_1_VALUES!r}")
