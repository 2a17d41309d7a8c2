from typing import Literal

TaskGuideV1GuideGetTask = Literal["binary", "multiclass", "multilabel", "regression"]

TASK_GUIDE_V1_GUIDE_GET_TASK_VALUES: set[TaskGuideV1GuideGetTask] = {
    "binary",
    "multiclass",
    "multilabel",
    "regression",
}


def check_task_guide_v1_guide_get_task(value: str) -> TaskGuideV1GuideGetTask:
    if value in TASK_GUIDE_V1_GUIDE_GET_TASK_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TASK_GUIDE_V1_GUIDE_GET_TASK_VALUES!r}")
