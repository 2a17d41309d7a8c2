from typing import Literal

LossRequestEncodingType0 = Literal["b64", "flat", "nested"]

LOSS_REQUEST_ENCODING_TYPE_0_VALUES: set[LossRequestEncodingType0] = {
    "b64",
    "flat",
    "nested",
}


def check_loss_request_encoding_type_0(value: str) -> LossRequestEncodingType0:
    if value in LOSS_REQUEST_ENCODING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_REQUEST_ENCODING_TYPE_0_VALUES!r}")
