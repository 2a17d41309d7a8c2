from typing import Literal

GradientFlowEndpointV1InspectGradientFlowPostFormat = Literal["json", "png", "svg"]

GRADIENT_FLOW_ENDPOINT_V1_INSPECT_GRADIENT_FLOW_POST_FORMAT_VALUES: set[
    GradientFlowEndpointV1InspectGradientFlowPostFormat
] = {
    "json",
    "png",
    "svg",
}


def check_gradient_flow_endpoint_v1_inspect_gradient_flow_post_format(
    value: str,
) -> GradientFlowEndpointV1InspectGradientFlowPostFormat:
    if value in GRADIENT_FLOW_ENDPOINT_V1_INSPECT_GRADIENT_FLOW_POST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GRADIENT_FLOW_ENDPOINT_V1_INSPECT_GRADIENT_FLOW_POST_FORMAT_VALUES!r}"
    )
