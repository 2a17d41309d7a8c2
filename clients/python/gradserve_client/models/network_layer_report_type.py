from typing import Literal

NetworkLayerReportType = Literal["activation", "batch_norm", "dense", "dropout", "layer_norm"]

NETWORK_LAYER_REPORT_TYPE_VALUES: set[NetworkLayerReportType] = {
    "activation",
    "batch_norm",
    "dense",
    "dropout",
    "layer_norm",
}


def check_network_layer_report_type(value: str) -> NetworkLayerReportType:
    if value in NETWORK_LAYER_REPORT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NETWORK_LAYER_REPORT_TYPE_VALUES!r}")
