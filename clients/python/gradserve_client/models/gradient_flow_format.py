from typing import Literal

GradientFlowFormat = Literal["json", "png", "svg"]

GRADIENT_FLOW_FORMAT_VALUES: set[GradientFlowFormat] = {
    "json",
    "png",
    "svg",
}


def check_gradient_flow_format(value: str) -> GradientFlowFormat:
    if value in GRADIENT_FLOW_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADIENT_FLOW_FORMAT_VALUES!r}")
