"""Small calls that arrive in the same turn of the event loop, computed together.

Under load a server has many small requests ready at once: uvicorn starts the request tasks
of every connection whose data arrived, and they run one after the other in the next turn of
the event loop. Each small call's NumPy work is mostly the fixed cost of its NumPy calls (a
ufunc on 16 numbers costs about what it costs on 500), so the calls of one kind are computed
together. A call (:meth:`Coalescer.run`) joins the open group of its key and waits for its
result; when there is none it opens one, yields once (``asyncio.sleep(0)``: every task ready
in this turn runs before it resumes, so every call of this turn has joined), closes the group
and computes it: its ``compute`` function gets the group's items in order and returns one
result per item, which the joined calls receive (``None``: the item is computed alone by its
caller). A group of one item is not computed here (``None``): the caller's own path is
cheaper.

A lone call pays for its yield (a turn of the event loop, ~8 µs of a small call measured in
process), so the coalescer stops yielding where nobody joins: after ``misses`` groups of one
in a row, the next ``skip`` calls that find no open group compute alone at once (``None``
without a yield), then one call opens a group again to probe. A client that sends one call at
a time so pays for one yield in ``skip + 1`` calls; under load the groups are large and
every call joins one. A call always joins an open group of its key.

Bounds: a group takes at most ``max_items`` items and ``max_elements`` elements (a full group
is closed, its opener computes it, and the next call opens a new one), so each computation is
bounded like a request's. A ``compute`` that raises, or returns the wrong number of results,
gives ``None`` to every item of its group (each caller then computes alone and meets its own
error). An opener cancelled while it yields still computes its group for the others. This
module knows nothing of HTTP.
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
    items: list[Any]
    elements: int
    futures: list[asyncio.Future[Any]] = field(default_factory=list)  # the joined items'


class Coalescer:
    """Groups of calls by key, each computed by its opener after one yield (see the module
    docstring). ``groups`` and ``stacked`` count the groups of two or more computed and their
    items (tests and benchmarks read them)."""

    def __init__(
        self,
        max_items: int = 256,
        max_elements: int = 1 << 16,
        misses: int = 8,
        skip: int = 32,
    ) -> None:
        self.max_items = max_items
        self.max_elements = max_elements
        self.misses = misses
        self.skip = skip
        self._open: dict[Hashable, _Group] = {}
        self._missed = 0  # groups of one in a row
        self._alone = 0  # calls still to compute alone before the next probe
        self.groups = 0
        self.stacked = 0

    async def run(self, key: Hashable, item: Any, elements: int, compute: Compute) -> Any:
        """The result of ``item`` (of ``elements`` numbers) computed with the calls of ``key``
        that arrive in this turn of the event loop by ``compute`` (the opener's), or None
        when it is to be computed alone."""
        group = self._open.get(key)
        if group is None:
            if self._alone:  # nobody joined lately: compute alone, no yield
                self._alone -= 1
                return None
        elif len(group.items) >= self.max_items or group.elements + elements > self.max_elements:
            del self._open[key]  # full: its opener computes it; this call opens the next
            group = None
        if group is not None:
            future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            group.items.append(item)
            group.futures.append(future)
            group.elements += elements
            return await future
        group = self._open[key] = _Group(compute, [item], elements)
        try:
            await asyncio.sleep(0)  # every call ready in this turn joins meanwhile
        finally:  # cancelled or not, the group is closed and computed for the joined calls
            if self._open.get(key) is group:
                del self._open[key]
            results = self._compute(group)
            for future, result in zip(group.futures, results[1:], strict=True):
                if not future.done():  # a caller cancelled meanwhile
                    future.set_result(result)
        return results[0]

    def _compute(self, group: _Group) -> Sequence[Any]:
        """One result per item: ``compute``'s, or None for each (a group of one, an error,
        a wrong count)."""
        n = len(group.items)
        if n == 1:
            self._missed += 1
            if self._missed >= self.misses:
                self._alone = self.skip
        else:
            self._missed = self._alone = 0
            try:
                results = group.compute(group.items)
                if len(results) == n:
                    self.groups += 1
                    self.stacked += n
                    return results
            except Exception:  # each caller computes alone and meets its own error
                pass
        return [None] * n
