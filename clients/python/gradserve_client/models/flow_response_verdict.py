from typing import Literal

FlowResponseVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

FLOW_RESPONSE_VERDICT_VALUES: set[FlowResponseVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_flow_response_verdict(value: str) -> FlowResponseVerdict:
    if value in FLOW_RESPONSE_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_RESPONSE_VERDICT_VALUES!r}")
