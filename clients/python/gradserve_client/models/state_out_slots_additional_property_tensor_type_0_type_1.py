from typing import Literal

StateOutSlotsAdditionalPropertyTensorType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

STATE_OUT_SLOTS_ADDITIONAL_PROPERTY_TENSOR_TYPE_0_TYPE_1_VALUES: set[
    StateOutSlotsAdditionalPropertyTensorType0Type1
] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_state_out_slots_additional_property_tensor_type_0_type_1(
    value: str,
) -> StateOutSlotsAdditionalPropertyTensorType0Type1:
    if value in STATE_OUT_SLOTS_ADDITIONAL_PROPERTY_TENSOR_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATE_OUT_SLOTS_ADDITIONAL_PROPERTY_TENSOR_TYPE_0_TYPE_1_VALUES!r}"
    )
