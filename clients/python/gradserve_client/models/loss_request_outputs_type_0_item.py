from typing import Literal

LossRequestOutputsType0Item = Literal["grad", "hessian", "hvp", "loss", "per_sample", "warnings"]

LOSS_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES: set[LossRequestOutputsType0Item] = {
    "grad",
    "hessian",
    "hvp",
    "loss",
    "per_sample",
    "warnings",
}


def check_loss_request_outputs_type_0_item(value: str) -> LossRequestOutputsType0Item:
    if value in LOSS_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOSS_REQUEST_OUTPUTS_TYPE_0_ITEM_VALUES!r}")
