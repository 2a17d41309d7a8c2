from typing import Literal

LossCurveResponseKind = Literal["binary", "categorical", "regression"]

LOSS_CURVE_RESPONSE_KIND_VALUES: set[LossCurveResponseKind] = {
    "binary",
    "categorical",
    "regression",
}


def check_loss_curve_response_kind(value: str) -> LossCurveResponseKind:
    if value in LOSS_CURVE_RESPONSE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_CURVE_RESPONSE_KIND_VALUES!r}")
