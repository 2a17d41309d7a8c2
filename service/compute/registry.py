"""A small name -> entry registry with aliases, shared by every function family.

One entry per function. The registry key is the one name used everywhere: URL
segment, catalog name, OpenAPI enum and test id. Aliases (PyTorch and Keras
spellings) are declared on the entry and resolve to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from service.compute.errors import UnknownNameError


@dataclass(frozen=True)
class NonFinite:
    """What NaN and ±inf inputs give for one function, and whether PyTorch agrees.

    Every activation, loss and optimizer entry carries one (``nonfinite`` in its catalog
    entry): ``rule`` states the service's behaviour, ``torch`` is ``"agrees"`` or how torch
    differs. The slow differential test (tests/differential) holds the service to both.
    """

    rule: str
    torch: str = "agrees"

    def catalog(self) -> dict[str, str]:
        return {"rule": self.rule, "torch": self.torch}


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


E = TypeVar("E", bound=Named)


def normalize(name: str) -> str:
    """Lower-case and map '-' to '_' so that 'Leaky-ReLU' finds 'leaky_relu'."""
    return name.strip().lower().replace("-", "_")


class Registry(Generic[E]):
    """Entries keyed by canonical name; aliases resolve to the same entry."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, E] = {}
        self._lookup: dict[str, str] = {}

    def register(self, entry: E) -> E:
        for key in (entry.name, *entry.aliases):
            k = normalize(key)
            if k in self._lookup and self._lookup[k] != entry.name:
                raise ValueError(f"{self.kind} name {key!r} already registered")
            self._lookup[k] = entry.name
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        """Remove an entry (tests register throw-away entries)."""
        entry = self._entries.pop(name)
        for key in (entry.name, *entry.aliases):
            self._lookup.pop(normalize(key), None)

    def canonical(self, name: str, loc: tuple[str | int, ...] = ()) -> str:
        try:
            return self._lookup[normalize(name)]
        except KeyError:
            raise UnknownNameError(self.kind, name, self._entries, loc) from None

    def get(self, name: str, loc: tuple[str | int, ...] = ()) -> E:
        return self._entries[self.canonical(name, loc)]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize(name) in self._lookup

    def names(self) -> list[str]:
        """Canonical names in registration order."""
        return list(self._entries)

    def all_names(self) -> list[str]:
        """Canonical names and aliases (for OpenAPI enums)."""
        return list(dict.fromkeys([*self._entries, *self._lookup]))

    def __iter__(self) -> Iterator[E]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)
