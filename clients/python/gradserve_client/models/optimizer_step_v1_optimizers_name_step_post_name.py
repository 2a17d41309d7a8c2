from typing import Literal

OptimizerStepV1OptimizersNameStepPostName = Literal[
    "adadelta",
    "adafactor",
    "adagrad",
    "adam",
    "adamax",
    "adamw",
    "asgd",
    "lamb",
    "lion",
    "nadam",
    "radam",
    "rmsprop",
    "rprop",
    "sgd",
]

OPTIMIZER_STEP_V1_OPTIMIZERS_NAME_STEP_POST_NAME_VALUES: set[OptimizerStepV1OptimizersNameStepPostName] = {
    "adadelta",
    "adafactor",
    "adagrad",
    "adam",
    "adamax",
    "adamw",
    "asgd",
    "lamb",
    "lion",
    "nadam",
    "radam",
    "rmsprop",
    "rprop",
    "sgd",
}


def check_optimizer_step_v1_optimizers_name_step_post_name(value: str) -> OptimizerStepV1OptimizersNameStepPostName:
    if value in OPTIMIZER_STEP_V1_OPTIMIZERS_NAME_STEP_POST_NAME_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OPTIMIZER_STEP_V1_OPTIMIZERS_NAME_STEP_POST_NAME_VALUES!r}"
    )
