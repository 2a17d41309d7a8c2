"""Domain errors raised by the compute layer (defined in ``service.domain_errors``, which
the wire codec shares; the compute layer knows nothing about HTTP).

``ComputeError`` is the base class; ``InvalidInputError`` (malformed or inconsistent input),
``UnknownNameError`` (a name that is not registered) and ``LimitExceededError`` (too much
work, naming the settings field of its limit) are what compute raises. ``service.errors``
maps them once, at the edge.
"""

from __future__ import annotations

from service.domain_errors import DomainError as ComputeError
from service.domain_errors import (
    InvalidInputError,
    LimitExceededError,
    Loc,
    UnknownNameError,
)

__all__ = ["ComputeError", "InvalidInputError", "LimitExceededError", "Loc", "UnknownNameError"]
