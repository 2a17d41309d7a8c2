from typing import Literal

VerifyNetworkRequestDtypeType0 = Literal["float16", "float32", "float64"]

VERIFY_NETWORK_REQUEST_DTYPE_TYPE_0_VALUES: set[VerifyNetworkRequestDtypeType0] = {
    "float16",
    "float32",
    "float64",
}


def check_verify_network_request_dtype_type_0(value: str) -> VerifyNetworkRequestDtypeType0:
    if value in VERIFY_NETWORK_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_NETWORK_REQUEST_DTYPE_TYPE_0_VALUES!r}")
