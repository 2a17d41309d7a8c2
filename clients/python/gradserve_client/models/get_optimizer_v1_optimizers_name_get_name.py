from typing import Literal

GetOptimizerV1OptimizersNameGetName = Literal[
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

GET_OPTIMIZER_V1_OPTIMIZERS_NAME_GET_NAME_VALUES: set[GetOptimizerV1OptimizersNameGetName] = {
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


def check_get_optimizer_v1_optimizers_name_get_name(value: str) -> GetOptimizerV1OptimizersNameGetName:
    if value in GET_OPTIMIZER_V1_OPTIMIZERS_NAME_GET_NAME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_OPTIMIZER_V1_OPTIMIZERS_NAME_GET_NAME_VALUES!r}")
