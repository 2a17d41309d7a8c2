from typing import Literal

FlowResponseLossType1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_RESPONSE_LOSS_TYPE_1_VALUES: set[FlowResponseLossType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_response_loss_type_1(value: str) -> FlowResponseLossType1:
    if value in FLOW_RESPONSE_LOSS_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_RESPONSE_LOSS_TYPE_1_VALUES!r}")
