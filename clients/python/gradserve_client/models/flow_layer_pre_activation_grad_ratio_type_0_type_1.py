from typing import Literal

FlowLayerPreActivationGradRatioType0Type1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_PRE_ACTIVATION_GRAD_RATIO_TYPE_0_TYPE_1_VALUES: set[FlowLayerPreActivationGradRatioType0Type1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_pre_activation_grad_ratio_type_0_type_1(value: str) -> FlowLayerPreActivationGradRatioType0Type1:
    if value in FLOW_LAYER_PRE_ACTIVATION_GRAD_RATIO_TYPE_0_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_PRE_ACTIVATION_GRAD_RATIO_TYPE_0_TYPE_1_VALUES!r}"
    )
