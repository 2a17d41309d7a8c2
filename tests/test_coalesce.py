"""The coalescer (service/coalesce.py): calls of one key that arrive in the same turn of the
event loop are computed together by the opener of their group after one yield, in join order,
one result per item; a group of one item, a compute that raises or answers with the wrong
number of results gives None; groups are bounded by items and elements; keys are separate; a
cancelled caller (joined or opener) does not disturb the others; after ``misses`` groups of one
in a row the next ``skip`` lone calls get None without yielding, then one call probes again."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest

from service.coalesce import Coalescer
from tests.helpers import run_async


class Recorder:
    """A compute function that records the items of each call and answers ``fn(item)`` for
    each (or whatever ``answer`` makes of the items)."""

    def __init__(
        self,
        fn: Callable[[Any], Any] = lambda x: ("done", x),
        answer: Callable[[Sequence[Any]], Sequence[Any]] | None = None,
    ) -> None:
        self.fn = fn
        self.answer = answer
        self.calls: list[list[Any]] = []

    def __call__(self, items: Sequence[Any]) -> Sequence[Any]:
        self.calls.append(list(items))
        if self.answer is not None:
            return self.answer(items)
        return [self.fn(x) for x in items]


def run_loop(body: Callable[[], Awaitable[Any]]) -> Any:
    """Run ``body`` in a fresh event loop; fail on anything the loop's exception handler saw
    (a callback that raised, a future's exception never retrieved), and fail fast (not at the
    suite's timeout) when a call never gets its result."""
    seen: list[dict[str, Any]] = []

    async def main() -> Any:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: seen.append(ctx))
        try:
            return await asyncio.wait_for(body(), timeout=5)
        finally:
            assert seen == []

    out = run_async(main)
    assert seen == []
    return out


async def turns_of(call: Awaitable[Any]) -> tuple[Any, int]:
    """``call``'s result and how many turns of the event loop passed while it was awaited: a
    callback that reschedules itself with ``call_soon`` counts them (it is scheduled before
    ``call`` starts, so a call that yields once sees it run once, one that never yields sees
    it run not at all)."""
    loop = asyncio.get_running_loop()
    turns = 0

    def tick() -> None:
        nonlocal turns, handle
        turns += 1
        handle = loop.call_soon(tick)

    handle = loop.call_soon(tick)
    try:
        out = await call
    finally:
        handle.cancel()
    return out, turns


# ---- groups of one turn ---------------------------------------------------------------------


def test_gathered_calls_resolve_in_join_order() -> None:
    """Four calls of one key in one turn: compute is called once with the four items in join
    order (the opener's first), each call gets its own item's result; the counters count one
    group of four."""
    co = Coalescer()
    compute = Recorder(lambda x: x * 10)

    async def body() -> list[Any]:
        return await asyncio.gather(*(co.run("k", x, 1, compute) for x in (1, 2, 3, 4)))

    assert run_loop(body) == [10, 20, 30, 40]
    assert compute.calls == [[1, 2, 3, 4]]
    assert (co.groups, co.stacked) == (1, 4)


def test_a_group_of_one_is_not_computed() -> None:
    """A lone call yields exactly once (one turn of the loop) and gets None (its caller
    computes alone); compute is never called and the counters stay at zero."""
    co = Coalescer()
    compute = Recorder()

    async def body() -> tuple[Any, int]:
        return await turns_of(co.run("k", "only", 5, compute))

    assert run_loop(body) == (None, 1)
    assert compute.calls == []
    assert (co.groups, co.stacked) == (0, 0)


def test_a_later_turn_opens_a_new_group() -> None:
    """Calls made after an earlier group was computed form a group of their own (compute is
    called once per turn), and the counters add up over groups."""
    co = Coalescer()
    compute = Recorder(lambda x: -x)

    async def body() -> tuple[list[Any], list[Any]]:
        first = await asyncio.gather(*(co.run("k", x, 1, compute) for x in (1, 2)))
        assert compute.calls == [[1, 2]]
        second = await asyncio.gather(*(co.run("k", x, 1, compute) for x in (3, 4, 5)))
        return first, second

    assert run_loop(body) == ([-1, -2], [-3, -4, -5])
    assert compute.calls == [[1, 2], [3, 4, 5]]
    assert (co.groups, co.stacked) == (2, 5)


def test_a_call_in_a_later_turn_alone_is_not_computed() -> None:
    """A group of two in one turn and a single call after it: the single call gets None (it
    does not join the earlier, already computed group)."""
    co = Coalescer()
    compute = Recorder(lambda x: x + 100)

    async def body() -> tuple[list[Any], Any]:
        pair = await asyncio.gather(co.run("k", 1, 1, compute), co.run("k", 2, 1, compute))
        return pair, await co.run("k", 3, 1, compute)

    assert run_loop(body) == ([101, 102], None)
    assert compute.calls == [[1, 2]]
    assert (co.groups, co.stacked) == (1, 2)


def test_keys_are_separate_groups() -> None:
    """Interleaved calls of three keys make one group per key, each computed by the compute of
    its own key with its own items in order; the key with one call gets None."""
    co = Coalescer()
    ca, cb, cc = Recorder(lambda x: ("a", x)), Recorder(lambda x: ("b", x)), Recorder()

    async def body() -> list[Any]:
        return await asyncio.gather(
            co.run("a", 1, 1, ca),
            co.run("b", 1, 1, cb),
            co.run("a", 2, 1, ca),
            co.run("c", 1, 1, cc),
            co.run("b", 2, 1, cb),
            co.run("a", 3, 1, ca),
        )

    assert run_loop(body) == [("a", 1), ("b", 1), ("a", 2), None, ("b", 2), ("a", 3)]
    assert ca.calls == [[1, 2, 3]]
    assert cb.calls == [[1, 2]]
    assert cc.calls == []
    assert (co.groups, co.stacked) == (2, 5)


def test_a_group_is_computed_by_the_compute_of_its_opener() -> None:
    """The compute given by the call that opened a group computes it; the joined calls'
    computes are not called."""
    co = Coalescer()
    first, second = Recorder(lambda x: ("first", x)), Recorder(lambda x: ("second", x))

    async def body() -> list[Any]:
        return await asyncio.gather(co.run("k", 1, 1, first), co.run("k", 2, 1, second))

    assert run_loop(body) == [("first", 1), ("first", 2)]
    assert first.calls == [[1, 2]]
    assert second.calls == []


# ---- bounds ---------------------------------------------------------------------------------


def test_max_items_exactly_reached_is_one_group() -> None:
    """max_items=3 and three calls: one group of three (a group may hold exactly max_items)."""
    co = Coalescer(max_items=3)
    compute = Recorder(lambda x: x * x)

    async def body() -> list[Any]:
        return await asyncio.gather(*(co.run("k", x, 1, compute) for x in range(3)))

    assert run_loop(body) == [0, 1, 4]
    assert compute.calls == [[0, 1, 2]]
    assert (co.groups, co.stacked) == (1, 3)


def test_max_items_closes_a_full_group() -> None:
    """max_items=3 and seven calls: groups of 3, 3 and 1; the full groups are computed by
    their openers (in join order), the last lone call gets None."""
    co = Coalescer(max_items=3)
    compute = Recorder(lambda x: x * x)

    async def body() -> list[Any]:
        return await asyncio.gather(*(co.run("k", x, 1, compute) for x in range(7)))

    assert run_loop(body) == [0, 1, 4, 9, 16, 25, None]
    assert compute.calls == [[0, 1, 2], [3, 4, 5]]
    assert (co.groups, co.stacked) == (2, 6)


def test_max_elements_closes_a_full_group() -> None:
    """max_elements=10: items of 4, 4, 4, 4, 2 elements make groups [4, 4] (a third 4 would
    exceed 10) and [4, 4, 2] (exactly 10 is allowed)."""
    co = Coalescer(max_elements=10)
    compute = Recorder(lambda x: f"r{x}")
    sizes = [4, 4, 4, 4, 2]

    async def body() -> list[Any]:
        return await asyncio.gather(*(co.run("k", i, n, compute) for i, n in enumerate(sizes)))

    assert run_loop(body) == ["r0", "r1", "r2", "r3", "r4"]
    assert compute.calls == [[0, 1], [2, 3, 4]]
    assert (co.groups, co.stacked) == (2, 5)


def test_an_item_larger_than_max_elements_is_alone() -> None:
    """An item of more elements than max_elements opens a group of its own, which the next
    item cannot join: it and the item before it get None, the two after it are computed."""
    co = Coalescer(max_elements=10)
    compute = Recorder(lambda x: f"r{x}")
    sizes = [3, 20, 3, 3]

    async def body() -> list[Any]:
        return await asyncio.gather(*(co.run("k", i, n, compute) for i, n in enumerate(sizes)))

    assert run_loop(body) == [None, None, "r2", "r3"]
    assert compute.calls == [[2, 3]]
    assert (co.groups, co.stacked) == (1, 2)


def test_a_full_group_of_one_key_leaves_other_keys_open() -> None:
    """A group closed by max_items for one key does not close another key's open group."""
    co = Coalescer(max_items=2)
    ca, cb = Recorder(lambda x: ("a", x)), Recorder(lambda x: ("b", x))

    async def body() -> list[Any]:
        return await asyncio.gather(
            co.run("b", 0, 1, cb),
            co.run("a", 0, 1, ca),
            co.run("a", 1, 1, ca),
            co.run("a", 2, 1, ca),  # a's group [0, 1] is full: this call opens [2, ...]
            co.run("b", 1, 1, cb),  # b's group is still [0] and takes it
            co.run("a", 3, 1, ca),
        )

    assert run_loop(body) == [("b", 0), ("a", 0), ("a", 1), ("a", 2), ("b", 1), ("a", 3)]
    assert ca.calls == [[0, 1], [2, 3]]
    assert cb.calls == [[0, 1]]
    assert (co.groups, co.stacked) == (3, 6)


# ---- failures and cancellation --------------------------------------------------------------


def _raise(items: Sequence[Any]) -> Sequence[Any]:
    raise ValueError("boom")


@pytest.mark.parametrize(
    "answer",
    [
        _raise,
        lambda items: [1] * (len(items) - 1),  # one result short
        lambda items: [1] * (len(items) + 1),  # one result too many
        lambda items: [],
    ],
    ids=["raises", "short", "long", "empty"],
)
def test_a_failed_compute_gives_none_to_every_item(
    answer: Callable[[Sequence[Any]], Sequence[Any]],
) -> None:
    """A compute that raises, or answers with a list of the wrong length, gives None to every
    item of its group (the opener's too) and is not counted; another key's group of the same
    turn is still computed, and nothing reaches the loop's exception handler."""
    co = Coalescer()
    bad = Recorder(answer=answer)
    good = Recorder(lambda x: x * 2)

    async def body() -> list[Any]:
        return await asyncio.gather(
            co.run("bad", 1, 1, bad),
            co.run("good", 1, 1, good),
            co.run("bad", 2, 1, bad),
            co.run("good", 2, 1, good),
            co.run("bad", 3, 1, bad),
        )

    assert run_loop(body) == [None, 2, None, 4, None]
    assert bad.calls == [[1, 2, 3]]
    assert good.calls == [[1, 2]]
    assert (co.groups, co.stacked) == (1, 2)


def test_a_cancelled_joined_task_does_not_break_the_others() -> None:
    """A joined call's task is cancelled while it waits (as a request whose client went away):
    the group is still computed with all its items, the opener and the other joined call get
    their results, the cancelled task ends cancelled and nothing reaches the loop."""
    co = Coalescer()
    compute = Recorder(lambda x: x * 3)

    async def body() -> list[Any]:
        tasks = [asyncio.create_task(co.run("k", x, 1, compute)) for x in (1, 2, 3)]
        await asyncio.sleep(0)  # the tasks have run: 1 opened the group, 2 and 3 joined it
        assert compute.calls == []  # the opener has not resumed yet
        tasks[1].cancel()
        out = await asyncio.gather(*tasks, return_exceptions=True)
        assert isinstance(out[1], asyncio.CancelledError)
        assert tasks[1].cancelled()
        return [out[0], out[2]]

    assert run_loop(body) == [3, 9]
    assert compute.calls == [[1, 2, 3]]
    assert (co.groups, co.stacked) == (1, 3)


def test_a_cancelled_opener_still_computes_its_group() -> None:
    """The opener's task is cancelled during its yield: it still computes its group (with its
    own item) for the joined calls, which get their results, and then ends cancelled."""
    co = Coalescer()
    compute = Recorder(lambda x: x + 0.5)

    async def body() -> list[Any]:
        tasks = [asyncio.create_task(co.run("k", x, 1, compute)) for x in (1, 2, 3)]
        await asyncio.sleep(0)  # 1 opened the group and yields, 2 and 3 joined it
        assert compute.calls == []
        tasks[0].cancel()
        out = await asyncio.gather(*tasks, return_exceptions=True)
        assert isinstance(out[0], asyncio.CancelledError)
        assert tasks[0].cancelled()
        return out[1:]

    assert run_loop(body) == [2.5, 3.5]
    assert compute.calls == [[1, 2, 3]]
    assert (co.groups, co.stacked) == (1, 3)


# ---- the adaptive policy: lone calls stop yielding ------------------------------------------


def test_lone_calls_stop_yielding_after_misses_then_probe() -> None:
    """misses=2, skip=3, one call at a time: the first two calls yield (groups of one); the
    next three get None at once, without a turn of the loop; the sixth yields again (a probe),
    and since it too is alone the next three skip again before the tenth probes."""
    co = Coalescer(misses=2, skip=3)
    compute = Recorder()

    async def body() -> list[tuple[Any, int]]:
        return [await turns_of(co.run("k", i, 1, compute)) for i in range(10)]

    out = run_loop(body)
    assert [r for r, _ in out] == [None] * 10
    assert [t for _, t in out] == [1, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert compute.calls == []
    assert (co.groups, co.stacked) == (0, 0)


def test_a_probe_that_finds_company_is_computed() -> None:
    """misses=2, skip=3: after two lone calls and three skipped ones, a probe joined in its
    turn by another call forms a group of two that is computed as usual."""
    co = Coalescer(misses=2, skip=3)
    compute = Recorder(lambda x: x * 7)

    async def body() -> tuple[list[int], list[Any]]:
        turns = [(await turns_of(co.run("k", i, 1, compute)))[1] for i in range(5)]
        pair = await asyncio.gather(co.run("k", 10, 1, compute), co.run("k", 11, 1, compute))
        return turns, pair

    assert run_loop(body) == ([1, 1, 0, 0, 0], [70, 77])
    assert compute.calls == [[10, 11]]
    assert (co.groups, co.stacked) == (1, 2)


def test_a_group_of_two_resets_the_miss_count() -> None:
    """misses=2: a lone call, a group of two, then two lone calls: both of these yield (the
    group reset the count, so it takes two more groups of one), and only the call after them
    is skipped."""
    co = Coalescer(misses=2, skip=3)
    compute = Recorder(lambda x: x)

    async def body() -> tuple[list[int], list[Any]]:
        turns = [(await turns_of(co.run("k", 0, 1, compute)))[1]]
        pair = await asyncio.gather(co.run("k", 1, 1, compute), co.run("k", 2, 1, compute))
        for i in (3, 4, 5):
            turns.append((await turns_of(co.run("k", i, 1, compute)))[1])
        return turns, pair

    assert run_loop(body) == ([1, 1, 1, 0], [1, 2])
    assert compute.calls == [[1, 2]]


def test_the_miss_count_spans_keys() -> None:
    """Groups of one of different keys count together: a lone call of "a" and one of "b" make
    two misses in a row, and the next lone call of a third key is skipped."""
    co = Coalescer(misses=2, skip=1)
    compute = Recorder()

    async def body() -> list[int]:
        return [(await turns_of(co.run(key, 0, 1, compute)))[1] for key in ("a", "b", "c", "d")]

    assert run_loop(body) == [1, 1, 0, 1]
    assert compute.calls == []


def test_while_skipping_a_call_still_joins_an_open_group() -> None:
    """misses=1, skip=3. In one turn a "lone" call opens a group of its own and call 1 opens a
    group of "k" that call 2 joins. Next turn the "lone" opener resumes first: its group of
    one starts the skipping, yet its caller's next call of key "other" (no open group) gets
    None at once, and its call of "k" (whose group is still open) joins that group and gets
    its result. The group of three it joined ends the skipping: the next lone call yields
    (a group of one again, so the skipping starts over: two calls skipped)."""
    co = Coalescer(misses=1, skip=3)
    lone, other, k = Recorder(), Recorder(), Recorder(lambda x: ("k", x))

    async def lone_then_more() -> tuple[Any, tuple[Any, int], tuple[Any, int]]:
        first = await co.run("lone", 0, 1, lone)  # a group of one: skipping starts
        skipped = await turns_of(co.run("other", 0, 1, other))
        joined = await turns_of(co.run("k", 3, 1, k))
        return first, skipped, joined

    async def body() -> tuple[Any, list[Any], list[int]]:
        first, *ks = await asyncio.gather(
            lone_then_more(), co.run("k", 1, 1, k), co.run("k", 2, 1, k)
        )
        after = [(await turns_of(co.run("x", i, 1, other)))[1] for i in range(3)]
        return first, ks, after

    first, ks, after = run_loop(body)
    assert first == (None, (None, 0), (("k", 3), 1))
    assert ks == [("k", 1), ("k", 2)]
    assert k.calls == [[1, 2, 3]]
    assert lone.calls == other.calls == []
    assert after == [1, 0, 0]  # a group of 2+ reset the skipping; then it starts again
    assert (co.groups, co.stacked) == (1, 3)


def test_a_full_group_opens_the_next_even_while_skipping() -> None:
    """max_items=2, misses=1, skip=4. In one turn a "lone" call opens a group of its own and
    "k" 1 and 2 fill a group of "k". Next turn the lone opener resumes first: its group of one
    starts the skipping, and its caller's next call of "k" finds that group still open but
    full: it opens the next group (a full group is a sign of load) instead of being skipped,
    and gets its own result through it when "k" 4 joins."""
    co = Coalescer(max_items=2, misses=1, skip=4)
    compute = Recorder(lambda x: ("k", x))

    async def lone_then_k() -> tuple[Any, Any]:
        first = await co.run("lone", 0, 1, compute)
        later = await asyncio.gather(co.run("k", 3, 1, compute), co.run("k", 4, 1, compute))
        return first, later

    async def body() -> list[Any]:
        return list(
            await asyncio.gather(
                lone_then_k(), co.run("k", 1, 1, compute), co.run("k", 2, 1, compute)
            )
        )

    first, k1, k2 = run_loop(body)
    assert first == (None, [("k", 3), ("k", 4)])
    assert (k1, k2) == (("k", 1), ("k", 2))
    assert compute.calls == [[3, 4], [1, 2]] or compute.calls == [[1, 2], [3, 4]]
    assert (co.groups, co.stacked) == (2, 4)
