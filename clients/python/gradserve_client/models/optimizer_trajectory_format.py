from typing import Literal

OptimizerTrajectoryFormat = Literal["json", "png", "svg"]

OPTIMIZER_TRAJECTORY_FORMAT_VALUES: set[OptimizerTrajectoryFormat] = {
    "json",
    "png",
    "svg",
}


def check_optimizer_trajectory_format(value: str) -> OptimizerTrajectoryFormat:
    if value in OPTIMIZER_TRAJECTORY_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OPTIMIZER_TRAJECTORY_FORMAT_VALUES!r}")
