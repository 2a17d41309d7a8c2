from typing import Literal

FlowLayerWeightGradRatioType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_WEIGHT_GRAD_RATIO_TYPE_0_TYPE_1_VALUES: set[FlowLayerWeightGradRatioType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_weight_grad_ratio_type_0_type_1(value: str) -> FlowLayerWeightGradRatioType0Type1:
    if value in FLOW_LAYER_WEIGHT_GRAD_RATIO_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_WEIGHT_GRAD_RATIO_TYPE_0_TYPE_1_VALUES!r}"
    )
