from typing import Literal

ActivationCurveV1ActivationsNameCurveGetFormat = Literal["json", "png", "svg"]

ACTIVATION_CURVE_V1_ACTIVATIONS_NAME_CURVE_GET_FORMAT_VALUES: set[ActivationCurveV1ActivationsNameCurveGetFormat] = {
    "json",
    "png",
    "svg",
}


def check_activation_curve_v1_activations_name_curve_get_format(
    value: str,
) -> ActivationCurveV1ActivationsNameCurveGetFormat:
    if value in ACTIVATION_CURVE_V1_ACTIVATIONS_NAME_CURVE_GET_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ACTIVATION_CURVE_V1_ACTIVATIONS_NAME_CURVE_GET_FORMAT_VALUES!r}"
    )
