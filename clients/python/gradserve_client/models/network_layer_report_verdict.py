from typing import Literal

NetworkLayerReportVerdict = Literal["exploding", "nonfinite", "ok", "vanishing"]

NETWORK_LAYER_REPORT_VERDICT_VALUES: set[NetworkLayerReportVerdict] = {
    "exploding",
    "nonfinite",
    "ok",
    "vanishing",
}


def check_network_layer_report_verdict(value: str) -> NetworkLayerReportVerdict:
    if value in NETWORK_LAYER_REPORT_VERDICT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_LAYER_REPORT_VERDICT_VALUES!r}")
