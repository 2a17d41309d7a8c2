from typing import Literal

GetLossCurveFormat = Literal["json", "png", "svg"]

GET_LOSS_CURVE_FORMAT_VALUES: set[GetLossCurveFormat] = {
    "json",
    "png",
    "svg",
}


def check_get_loss_curve_format(value: str) -> GetLossCurveFormat:
    if value in GET_LOSS_CURVE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_LOSS_CURVE_FORMAT_VALUES!r}")
