from typing import Literal

ActivationRequestOutputsType0Item = Literal[
    "derivative", "jacobian", "param_grads", "second_derivative", "value", "vjp"
]

ACTIVATION_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES: set[ActivationRequestOutputsType0Item] = {
    "derivative",
    "jacobian",
    "param_grads",
    "second_derivative",
    "value",
    "vjp",
}


def check_activation_request_outputs_type_0_item(value: str) -> ActivationRequestOutputsType0Item:
    if value in ACTIVATION_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVATION_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES!r}")
