from typing import Literal

GradcheckRequestOrder = Literal[1, 2]

GRADCHECK_REQUEST_ORDER_VALUES: set[GradcheckRequestOrder] = {
    1,
    2,
}


def check_gradcheck_request_order(value: int) -> GradcheckRequestOrder:
    if value in GRADCHECK_REQUEST_ORDER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRADCHECK_REQUEST_ORDER_VALUES!r}")
