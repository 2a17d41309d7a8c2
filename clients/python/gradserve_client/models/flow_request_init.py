from typing import Literal

FlowRequestInit = Literal[
    "he_normal", "he_uniform", "lecun_normal", "normal", "uniform", "xavier_normal", "xavier_uniform"
]

FLOW_REQUEST_INIT_VALUES: set[FlowRequestInit] = {
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "normal",
    "uniform",
    "xavier_normal",
    "xavier_uniform",
}


def check_flow_request_init(value: str) -> FlowRequestInit:
    if value in FLOW_REQUEST_INIT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_REQUEST_INIT_VALUES!r}")
