from typing import Literal

StepRequestEncodingType0 = Literal["b64", "flat", "nested"]

STEP_REQUEST_ENCODING_TYPE_0_VALUES: set[StepRequestEncodingType0] = {
    "b64",
    "flat",
    "nested",
}


def check_step_request_encoding_type_0(value: str) -> StepRequestEncodingType0:
    if value in STEP_REQUEST_ENCODING_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STEP_REQUEST_ENCODING_TYPE_0_VALUES!r}")
