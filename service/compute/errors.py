"""Domain errors raised by the compute layer.

The compute layer knows nothing about HTTP. It raises these errors with a ``loc``
relative to the request body (for example ``("params", "alpha")`` or ``("y_true",)``)
and a message saying what was expected and what came; ``service.errors`` maps them
once, at the edge, to RFC 9457 problem+json (404 for unknown names, 422 otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Loc = tuple[str | int, ...]


class ComputeError(Exception):
    """Base class: a request the compute layer cannot serve, with where and why."""

    status: int = 422
    title: str = "Invalid input"
    type_slug: str = "invalid-input"

    def __init__(self, msg: str, loc: Sequence[str | int] = ()) -> None:
        super().__init__(msg)
        self.msg = msg
        self.loc: Loc = tuple(loc)

    @property
    def detail(self) -> str:
        where = ".".join(str(p) for p in self.loc)
        return f"{where}: {self.msg}" if where else self.msg


class InvalidInputError(ComputeError):
    """Malformed or inconsistent input: shapes, ranges, unknown parameter names (422)."""


class UnknownNameError(ComputeError):
    """An activation, loss, optimizer or objective name that is not registered (404)."""

    status = 404
    title = "Unknown name"
    type_slug = "unknown-name"

    def __init__(self, kind: str, name: str, valid: Iterable[str], loc: Sequence[str | int] = ()):
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid names: {', '.join(self.valid)}", loc)

    @property
    def detail(self) -> str:
        return self.msg


class LimitExceededError(ComputeError):
    """Too much work asked (elements, steps, depth...): 422 naming the limit and its setting."""

    title = "Limit exceeded"
    type_slug = "limit-exceeded"

    def __init__(self, msg: str, setting: str, limit: int | float, loc: Sequence[str | int] = ()):
        self.setting = setting
        self.limit = limit
        super().__init__(f"{msg} (limit {limit}, setting {setting})", loc)
