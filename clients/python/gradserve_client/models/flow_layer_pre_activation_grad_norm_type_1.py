from typing import Literal

FlowLayerPreActivationGradNormType1 = Literal["-Infinity", "Infinity", "NaN"]

FLOW_LAYER_PRE_ACTIVATION_GRAD_NORM_TYPE_1_VALUES: set[FlowLayerPreActivationGradNormType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_flow_layer_pre_activation_grad_norm_type_1(value: str) -> FlowLayerPreActivationGradNormType1:
    if value in FLOW_LAYER_PRE_ACTIVATION_GRAD_NORM_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLOW_LAYER_PRE_ACTIVATION_GRAD_NORM_TYPE_1_VALUES!r}"
    )
