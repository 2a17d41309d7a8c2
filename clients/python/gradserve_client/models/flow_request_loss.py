from typing import Literal

FlowRequestLoss = Literal["huber", "log_cosh", "mae", "mse", "smooth_l1"]

FLOW_REQUEST_LOSS_VALUES: set[FlowRequestLoss] = {
    "huber",
    "log_cosh",
    "mae",
    "mse",
    "smooth_l1",
}


def check_flow_request_loss(value: str) -> FlowRequestLoss:
    if value in FLOW_REQUEST_LOSS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_REQUEST_LOSS_VALUES!r}")
