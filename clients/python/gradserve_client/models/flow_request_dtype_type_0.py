from typing import Literal

FlowRequestDtypeType0 = Literal["float32", "float64"]

FLOW_REQUEST_DTYPE_TYPE_0_VALUES: set[FlowRequestDtypeType0] = {
    "float32",
    "float64",
}


def check_flow_request_dtype_type_0(value: str) -> FlowRequestDtypeType0:
    if value in FLOW_REQUEST_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_REQUEST_DTYPE_TYPE_0_VALUES!r}")
