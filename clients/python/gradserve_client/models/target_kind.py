from typing import Literal

TargetKind = Literal["activation", "loss"]

TARGET_KIND_VALUES: set[TargetKind] = {
    "activation",
    "loss",
}


def check_target_kind(value: str) -> TargetKind:
    if value in TARGET_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TARGET_KIND_VALUES!r}")
