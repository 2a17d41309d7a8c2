from typing import Literal

VerifyTargetKind = Literal["activation", "loss", "optimizer"]

VERIFY_TARGET_KIND_VALUES: set[VerifyTargetKind] = {
    "activation",
    "loss",
    "optimizer",
}


def check_verify_target_kind(value: str) -> VerifyTargetKind:
    if value in VERIFY_TARGET_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERIFY_TARGET_KIND_VALUES!r}")
