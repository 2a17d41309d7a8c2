from typing import Literal

OptimizerTrajectoryV1OptimizersTrajectoryPostFormat = Literal["json", "png", "svg"]

OPTIMIZER_TRAJECTORY_V1_OPTIMIZERS_TRAJECTORY_POST_FORMAT_VALUES: set[
    OptimizerTrajectoryV1OptimizersTrajectoryPostFormat
] = {
    "json",
    "png",
    "svg",
}


def check_optimizer_trajectory_v1_optimizers_trajectory_post_format(
    value: str,
) -> OptimizerTrajectoryV1OptimizersTrajectoryPostFormat:
    if value in OPTIMIZER_TRAJECTORY_V1_OPTIMIZERS_TRAJECTORY_POST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OPTIMIZER_TRAJECTORY_V1_OPTIMIZERS_TRAJECTORY_POST_FORMAT_VALUES!r}"
    )
