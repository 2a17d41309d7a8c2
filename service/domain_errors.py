"""Domain errors: what went wrong with a request, where, and why; nothing about HTTP.

The compute layer and the wire codec both raise these (each imports only this module); the
edge (``service.errors`` for /v1, the OIP router for /v2) maps them to statuses once. A
``loc`` is relative to the request body unless it names another root ("query", "path").
A :class:`LimitExceededError` names its limit by the settings field (``max_elements``); the
edge names the environment variable that sets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Loc = tuple[str | int, ...]


class DomainError(Exception):
    """Base class: a request that cannot be served, with where (``loc``) and why (``msg``)."""

    def __init__(self, msg: str, loc: Sequence[str | int] = ()) -> None:
        super().__init__(msg)
        self.msg = msg
        self.loc: Loc = tuple(loc)

    @property
    def detail(self) -> str:
        where = ".".join(str(p) for p in self.loc)
        return f"{where}: {self.msg}" if where else self.msg


class InvalidInputError(DomainError):
    """Malformed or inconsistent input: shapes, ranges, unknown parameter names."""


class UnknownNameError(DomainError):
    """An activation, loss, optimizer or objective name that is not registered."""

    def __init__(self, kind: str, name: str, valid: Iterable[str], loc: Sequence[str | int] = ()):
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid names: {', '.join(self.valid)}", loc)

    @property
    def detail(self) -> str:
        return self.msg


class LimitExceededError(DomainError):
    """Too much work asked (elements, steps, depth...): names the limit and its value.

    ``limit`` is the settings field (``max_elements``, ``max_flow_work``...)."""

    def __init__(self, msg: str, limit: str, value: int | float, loc: Sequence[str | int] = ()):
        self.limit = limit
        self.value = value
        super().__init__(msg, loc)
