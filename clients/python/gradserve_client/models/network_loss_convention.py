from typing import Literal

NetworkLossConvention = Literal["keras", "torch"]

NETWORK_LOSS_CONVENTION_VALUES: set[NetworkLossConvention] = {
    "keras",
    "torch",
}


def check_network_loss_convention(value: str) -> NetworkLossConvention:
    if value in NETWORK_LOSS_CONVENTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_LOSS_CONVENTION_VALUES!r}")
