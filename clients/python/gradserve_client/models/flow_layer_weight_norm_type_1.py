from typing import Literal

FlowLayerWeightNormType1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_WEIGHT_NORM_TYPE_1_VALUES: set[FlowLayerWeightNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_weight_norm_type_1(value: str) -> FlowLayerWeightNormType1:
    if value in FLOW_LAYER_WEIGHT_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_WEIGHT_NORM_TYPE_1_VALUES!r}")
