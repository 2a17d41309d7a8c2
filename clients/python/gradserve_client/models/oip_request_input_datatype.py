from typing import Literal

OipRequestInputDatatype = Literal["FP16", "FP32", "FP64", "INT32", "INT64"]

OIP_REQUEST_INPUT_DATATYPE_VALUES: set[OipRequestInputDatatype] = {
    "FP16",
    "FP32",
    "FP64",
    "INT32",
    "INT64",
}


def check_oip_request_input_datatype(value: str) -> OipRequestInputDatatype:
    if value in OIP_REQUEST_INPUT_DATATYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OIP_REQUEST_INPUT_DATATYPE_VALUES!r}")
