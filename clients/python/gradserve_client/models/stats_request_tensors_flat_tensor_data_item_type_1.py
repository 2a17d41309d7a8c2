from typing import Literal

StatsRequestTensorsFlatTensorDataItemType1 = Literal["-Infinity", "Infinity", "NaN"]

STATS_REQUEST_TENSORS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES: set[StatsRequestTensorsFlatTensorDataItemType1] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_stats_request_tensors_flat_tensor_data_item_type_1(value: str) -> StatsRequestTensorsFlatTensorDataItemType1:
    if value in STATS_REQUEST_TENSORS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATS_REQUEST_TENSORS_FLAT_TENSOR_DATA_ITEM_TYPE_1_VALUES!r}"
    )
