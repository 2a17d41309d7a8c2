from typing import Literal

NetworkRequestEncodingType0 = Literal["b64", "flat", "nested"]

NETWORK_REQUEST_ENCODING_TYPE_0_VALUES: set[NetworkRequestEncodingType0] = {
    "b64",
    "flat",
    "nested",
}


def check_network_request_encoding_type_0(value: str) -> NetworkRequestEncodingType0:
    if value in NETWORK_REQUEST_ENCODING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_REQUEST_ENCODING_TYPE_0_VALUES!r}")
