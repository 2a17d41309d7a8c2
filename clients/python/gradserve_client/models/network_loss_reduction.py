from typing import Literal

NetworkLossReduction = Literal["mean", "none", "sum"]

NETWORK_LOSS_REDUCTION_VALUES: set[NetworkLossReduction] = {
    "mean",
    "none",
    "sum",
}


def check_network_loss_reduction(value: str) -> NetworkLossReduction:
    if value in NETWORK_LOSS_REDUCTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_LOSS_REDUCTION_VALUES!r}")
