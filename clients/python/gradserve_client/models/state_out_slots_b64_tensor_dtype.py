from typing import Literal

StateOutSlotsB64TensorDtype = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

STATE_OUT_SLOTS_B64_TENSOR_DTYPE_VALUES: set[StateOutSlotsB64TensorDtype] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_state_out_slots_b64_tensor_dtype(value: str) -> StateOutSlotsB64TensorDtype:
    if value in STATE_OUT_SLOTS_B64_TENSOR_DTYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATE_OUT_SLOTS_B64_TENSOR_DTYPE_VALUES!r}")
