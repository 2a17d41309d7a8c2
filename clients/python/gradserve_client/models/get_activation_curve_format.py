from typing import Literal

GetActivationCurveFormat = Literal["json", "png", "svg"]

GET_ACTIVATION_CURVE_FORMAT_VALUES: set[GetActivationCurveFormat] = {
    "json",
    "png",
    "svg",
}


def check_get_activation_curve_format(value: str) -> GetActivationCurveFormat:
    if value in GET_ACTIVATION_CURVE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ACTIVATION_CURVE_FORMAT_VALUES!r}")
