from typing import Literal

NetworkResponseVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

NETWORK_RESPONSE_VERDICT_VALUES: set[NetworkResponseVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_network_response_verdict(value: str) -> NetworkResponseVerdict:
    if value in NETWORK_RESPONSE_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_RESPONSE_VERDICT_VALUES!r}")
