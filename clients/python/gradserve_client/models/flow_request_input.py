from typing import Literal

FlowRequestInput = Literal["normal", "uniform"]

FLOW_REQUEST_INPUT_VALUES: set[FlowRequestInput] = {
    "normal",
    "uniform",
}


def check_flow_request_input(value: str) -> FlowRequestInput:
    if value in FLOW_REQUEST_INPUT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_REQUEST_INPUT_VALUES!r}")
