from typing import Literal

ActivationRequestEncodingType0 = Literal["b64", "flat", "nested"]

ACTIVATION_REQUEST_ENCODING_TYPE_0_VALUES: set[ActivationRequestEncodingType0] = {
    "b64",
    "flat",
    "nested",
}


def check_activation_request_encoding_type_0(value: str) -> ActivationRequestEncodingType0:
    if value in ACTIVATION_REQUEST_ENCODING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVATION_REQUEST_ENCODING_TYPE_0_VALUES!r}")
