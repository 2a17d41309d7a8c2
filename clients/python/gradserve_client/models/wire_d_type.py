from typing import Literal

WireDType = Literal["float16", "float32", "float64", "int32", "int64", "uint8"]

WIRE_D_TYPE_VALUES: set[WireDType] = {
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    "uint8",
}


def check_wire_d_type(value: str) -> WireDType:
    if value in WIRE_D_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WIRE_D_TYPE_VALUES!r}")
