from typing import Literal

StepResponseFlatTensorDataItemType1 = Literal["-Infinity", "Infinity", "NaN"]

STEP_RESPONSE_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES: set[StepResponseFlatTensorDataItemType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_step_response_flat_tensor_data_item_type_1(value: str) -> StepResponseFlatTensorDataItemType1:
    if value in STEP_RESPONSE_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STEP_RESPONSE_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES!r}"
    )
