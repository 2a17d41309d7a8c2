from typing import Literal

FlowLayerWeightGradNormType1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_WEIGHT_GRAD_NORM_TYPE_1_VALUES: set[FlowLayerWeightGradNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_weight_grad_norm_type_1(value: str) -> FlowLayerWeightGradNormType1:
    if value in FLOW_LAYER_WEIGHT_GRAD_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_WEIGHT_GRAD_NORM_TYPE_1_VALUES!r}")
