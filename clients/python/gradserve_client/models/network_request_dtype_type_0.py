from typing import Literal

NetworkRequestDtypeType0 = Literal["float32", "float64"]

NETWORK_REQUEST_DTYPE_TYPE_0_VALUES: set[NetworkRequestDtypeType0] = {
    "float32",
    "float64",
}


def check_network_request_dtype_type_0(value: str) -> NetworkRequestDtypeType0:
    if value in NETWORK_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_REQUEST_DTYPE_TYPE_0_VALUES!r}")
