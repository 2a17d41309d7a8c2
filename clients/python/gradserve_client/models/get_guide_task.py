from typing import Literal

GetGuideTask = Literal["binary", "multiclass", "multilabel", "regression"]

GET_GUIDE_TASK_VALUES: set[GetGuideTask] = {
    "binary",
    "multiclass",
    "multilabel",
    "regression",
}


def check_get_guide_task(value: str) -> GetGuideTask:
    if value in GET_GUIDE_TASK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_GUIDE_TASK_VALUES!r}")
