from typing import Literal

FlowLayerVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

FLOW_LAYER_VERDICT_VALUES: set[FlowLayerVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_flow_layer_verdict(value: str) -> FlowLayerVerdict:
    if value in FLOW_LAYER_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_VERDICT_VALUES!r}")
