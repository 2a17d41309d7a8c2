from typing import Literal

StateOutSlotsFlatTensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STATE_OUT_SLOTS_FLAT_TENSOR_DTYPE_VALUES: set[StateOutSlotsFlatTensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_state_out_slots_flat_tensor_dtype(value: str) -> StateOutSlotsFlatTensorDtype:
    if value in STATE_OUT_SLOTS_FLAT_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATE_OUT_SLOTS_FLAT_TENSOR_DTYPE_VALUES!r}")
