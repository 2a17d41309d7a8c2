"""Small calls that arrive in the same turn of the event loop, computed together.

Under load a server has many small requests ready at once: uvicorn starts the request tasks
of every connection whose data arrived, and they run one after the other in the next turn of
the event loop. Each small call's NumPy work is mostly the fixed cost of its NumPy calls (a
ufunc on 16 numbers costs about what it costs on 500), so the calls of one kind are computed
together: each call joins the open group of its key and waits; the first call of a group
schedules the flush for the next turn (``loop.call_soon``), when every call that arrived in
this turn has joined; the flush hands the group's items to its ``compute`` function, which
returns one result per item (``None``: the item is computed alone by its caller). A group
of one item is not computed here at all (``None``): the caller's own path is cheaper.

Bounds: a group takes at most ``max_items`` items and ``max_elements`` elements (a full group
is closed and a new one opened), so a flush's work is bounded like a request's. A ``compute``
that raises gives ``None`` to every item of its group (each caller then computes alone and
meets its own error). This module knows nothing of HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

Compute = Callable[[Sequence[Any]], Sequence[Any]]


@dataclass(eq=False)
class _Group:
    compute: Compute
    items: list[Any] = field(default_factory=list)
    futures: list[asyncio.Future[Any]] = field(default_factory=list)
    elements: int = 0


class Coalescer:
    """Groups of calls by key, flushed once per turn of the event loop (see the module
    docstring). ``groups`` and ``stacked`` count the groups of two or more computed and
    their items (tests and benchmarks read them)."""

    def __init__(self, max_items: int = 256, max_elements: int = 1 << 16) -> None:
        self.max_items = max_items
        self.max_elements = max_elements
        self._open: dict[Hashable, _Group] = {}
        self._closed: list[_Group] = []
        self._scheduled = False
        self.groups = 0
        self.stacked = 0

    def join(
        self, key: Hashable, item: Any, elements: int, compute: Compute
    ) -> asyncio.Future[Any]:
        """Add ``item`` (of ``elements`` numbers) to the open group of ``key``, or open one
        computed by ``compute``: the future of its result."""
        loop = asyncio.get_running_loop()
        group = self._open.get(key)
        if group is not None and (
            len(group.items) >= self.max_items or group.elements + elements > self.max_elements
        ):
            self._closed.append(self._open.pop(key))
            group = None
        if group is None:
            group = self._open[key] = _Group(compute)
        future: asyncio.Future[Any] = loop.create_future()
        group.items.append(item)
        group.futures.append(future)
        group.elements += elements
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)
        return future

    def _flush(self) -> None:
        groups = [*self._closed, *self._open.values()]
        self._closed = []
        self._open = {}
        self._scheduled = False
        for group in groups:
            results: Sequence[Any] = [None] * len(group.items)
            if len(group.items) > 1:
                try:
                    computed = group.compute(group.items)
                    if len(computed) == len(group.items):
                        results = computed
                        self.groups += 1
                        self.stacked += len(group.items)
                except Exception:  # each caller computes alone and meets its own error
                    pass
            for future, result in zip(group.futures, results, strict=True):
                if not future.done():  # a caller cancelled meanwhile
                    future.set_result(result)
