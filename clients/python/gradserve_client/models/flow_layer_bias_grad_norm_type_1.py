from typing import Literal

FlowLayerBiasGradNormType1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_BIAS_GRAD_NORM_TYPE_1_VALUES: set[FlowLayerBiasGradNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_bias_grad_norm_type_1(value: str) -> FlowLayerBiasGradNormType1:
    if value in FLOW_LAYER_BIAS_GRAD_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_BIAS_GRAD_NORM_TYPE_1_VALUES!r}")
