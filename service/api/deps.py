"""Shared dependencies of the routers: settings, per-request budget, tensor decoding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import numpy as np
from fastapi import Depends, Request

from service.config import Settings
from service.wire.tensors import Budget, Decoded, decode_tensor


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def new_budget(settings: Settings) -> Budget:
    return Budget(settings.max_elements, settings.max_ndim, settings.max_depth)


def get_budget(settings: SettingsDep) -> Budget:
    """A fresh element budget for this request (inputs and outputs count against it)."""
    return new_budget(settings)


BudgetDep = Annotated[Budget, Depends(get_budget)]


def decode(value: Any, field: str | tuple[str | int, ...], budget: Budget) -> Decoded:
    """Decode a body field; ``field`` is its name or its loc below "body"."""
    loc = (field,) if isinstance(field, str) else field
    return decode_tensor(value, ("body", *loc), budget)


def tensor_decoder(budget: Budget) -> Callable[[Any, tuple[str | int, ...]], np.ndarray]:
    """The callback handed to compute for tensor-valued parameters (loc below "body")."""

    def _decode(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
        return decode_tensor(value, ("body", *loc), budget).array

    return _decode


def compute_dtype(name: str | None) -> type[np.floating[Any]]:
    return np.float32 if name == "float32" else np.float64
