from typing import Literal

ActivationEntryKind = Literal["elementwise", "vector"]

ACTIVATION_ENTRY_KIND_VALUES: set[ActivationEntryKind] = {
    "elementwise",
    "vector",
}


def check_activation_entry_kind(value: str) -> ActivationEntryKind:
    if value in ACTIVATION_ENTRY_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVATION_ENTRY_KIND_VALUES!r}")
