from typing import Literal

GradcheckRequestEncodingType0 = Literal["b64", "flat", "nested"]

GRADCHECK_REQUEST_ENCODING_TYPE_0_VALUES: set[GradcheckRequestEncodingType0] = {
    "b64",
    "flat",
    "nested",
}


def check_gradcheck_request_encoding_type_0(value: str) -> GradcheckRequestEncodingType0:
    if value in GRADCHECK_REQUEST_ENCODING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADCHECK_REQUEST_ENCODING_TYPE_0_VALUES!r}")
