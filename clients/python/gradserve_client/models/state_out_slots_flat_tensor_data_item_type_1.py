from typing import Literal

StateOutSlotsFlatTensorDataItemType1 = Literal["-Infinity", "Infinity", "NaN"]

STATE_OUT_SLOTS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES: set[StateOutSlotsFlatTensorDataItemType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_state_out_slots_flat_tensor_data_item_type_1(value: str) -> StateOutSlotsFlatTensorDataItemType1:
    if value in STATE_OUT_SLOTS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATE_OUT_SLOTS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES!r}"
    )
