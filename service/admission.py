"""Admission control: a bounded number of requests compute at once, a bounded queue waits,
everything beyond is shed at once with 503 and ``Retry-After``.

A pure ASGI middleware (as Triton's and TF-Serving's bounded request queues, and
uvicorn's ``--limit-concurrency``, but counting only the requests that compute):

- ``max_concurrency`` admitted requests run at once (``GRADSERVE_MAX_CONCURRENCY``, default
  the CPUs the process may use); up to ``max_queue`` more wait in FIFO order
  (``GRADSERVE_MAX_QUEUE``); any further request is answered 503 with ``Retry-After``
  before its body is read.
- A request that has not finished ``timeout`` seconds after it arrived (waiting included,
  ``GRADSERVE_REQUEST_TIMEOUT``) is answered 503 at the deadline. Python cannot stop the
  worker thread that computes it, so its slot stays taken until the thread returns (its
  result is dropped): the concurrency bound holds for the threads that really run.
- ``/readyz`` answers 503 while every slot is taken, so that a load balancer sends new
  requests to another replica.

Only the API (``/v1/...``, ``/v2/...``) is admitted; health, readiness, info, metrics, the
docs, the playground and static files are never queued or counted. The answers are RFC 9457
problems (``urn:gradserve:problem:overloaded`` / ``timeout``), under ``/v2`` the Open
Inference Protocol's ``{"error": ...}``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# never admitted or counted: operations of the server itself
EXEMPT_PATHS = frozenset({"/v1/info", "/v2/health/live", "/v2/health/ready"})
ADMITTED_PREFIXES = ("/v1/", "/v2/")
READINESS_PATH = "/readyz"


def admitted(path: str) -> bool:
    """Whether a request on ``path`` takes a compute slot (the inference statistics,
    ``/v2/models[/{model}[/versions/{v}]]/stats``, are monitoring: never)."""
    return (
        path.startswith(ADMITTED_PREFIXES)
        and path not in EXEMPT_PATHS
        and not (path.startswith("/v2/models/") and path.endswith("/stats"))
    )


class Admission:
    """The slot and queue accounting (one per worker process, on its event loop)."""

    def __init__(self, max_concurrency: int, max_queue: int) -> None:
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self.active = 0  # slots taken: computing, or overrun threads still running
        self.waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        self.shed = 0  # answered 503 without computing (queue full or deadline in the queue)
        self.timed_out = 0  # answered 503 at the deadline while computing

    @property
    def saturated(self) -> bool:
        return self.active >= self.max_concurrency

    def try_acquire(self) -> asyncio.Future[None] | bool:
        """True: a slot is ours. A future: wait on it for a slot. False: shed."""
        if self.try_acquire_now():
            return True
        if len(self.waiters) < self.max_queue:
            fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self.waiters.append(fut)
            return fut
        return False

    def try_acquire_now(self) -> bool:
        """Take a free slot if there is one and nobody waits (never queues)."""
        if self.active < self.max_concurrency and not self.waiters:
            self.active += 1
            return True
        return False

    def abandon(self, fut: asyncio.Future[None]) -> None:
        """A waiter gives up (deadline, disconnect): give back a slot handed to it meanwhile."""
        if fut.done() and not fut.cancelled():
            self.release()
        else:
            fut.cancel()
            with contextlib.suppress(ValueError):
                self.waiters.remove(fut)

    def release(self) -> None:
        """Hand the slot to the first live waiter, else free it."""
        while self.waiters:
            fut = self.waiters.popleft()
            if not fut.done():
                fut.set_result(None)
                return
        self.active -= 1


def _problem(path: str, status: int, slug: str, title: str, detail: str) -> bytes:
    if path.startswith("/v2/"):
        return orjson.dumps({"error": detail})
    return orjson.dumps(
        {
            "type": f"urn:gradserve:problem:{slug}",
            "title": title,
            "status": status,
            "detail": detail,
            "errors": [],
        }
    )


class AdmissionMiddleware:
    """See the module docstring. ``retry_after`` is the ``Retry-After`` of every 503 (s)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_concurrency: int,
        max_queue: int,
        timeout: float,
        retry_after: int = 1,
        state: Admission | None = None,
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.retry_after = retry_after
        self.state = state or Admission(max_concurrency, max_queue)

    async def _answer(self, scope: Scope, send: Send, slug: str, title: str, detail: str) -> None:
        path = scope.get("path", "")
        body = _problem(path, 503, slug, title, detail)
        media = b"application/json" if path.startswith("/v2/") else b"application/problem+json"
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", media),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(self.retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _busy(self) -> str:
        s = self.state
        return (
            f"the server is busy: {s.active} requests computing (GRADSERVE_MAX_CONCURRENCY="
            f"{s.max_concurrency}) and {len(s.waiters)} waiting (GRADSERVE_MAX_QUEUE="
            f"{s.max_queue}); retry after {self.retry_after} s or on another replica"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == READINESS_PATH and self.state.saturated:
            await self._answer(scope, send, "overloaded", "Service Unavailable", self._busy())
            return
        if not admitted(path):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        got = self.state.try_acquire()
        if got is False:
            self.state.shed += 1
            await self._answer(scope, send, "overloaded", "Service Unavailable", self._busy())
            return
        if isinstance(got, asyncio.Future):
            try:
                await asyncio.wait_for(asyncio.shield(got), max(0.0, deadline - loop.time()))
            except TimeoutError:
                self.state.abandon(got)
                self.state.shed += 1
                await self._answer(scope, send, "timeout", "Service Unavailable", self._late())
                return
            except BaseException:
                self.state.abandon(got)
                raise
        await self._run(scope, receive, send, deadline)

    def _late(self) -> str:
        return (
            f"the request did not finish within {self.timeout:g} s "
            f"(GRADSERVE_REQUEST_TIMEOUT); retry after {self.retry_after} s with less work"
        )

    async def _run(self, scope: Scope, receive: Receive, send: Send, deadline: float) -> None:
        """Run the app holding a slot, inline (no task per request: that alone cost tens of
        microseconds). A timer answers 503 at the deadline if the answer has not started; the
        app runs on to its end, its late answer dropped, and holds the slot until then: a
        request computing in a worker thread cannot be stopped, so its slot is released when
        the thread returns."""
        loop = asyncio.get_running_loop()
        started = False
        answered = False
        late: asyncio.Task[None] | None = None

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if answered:
                return  # the 503 went out at the deadline: drop the late answer
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        def at_deadline() -> None:
            nonlocal answered, late
            if started:  # the answer is already on its way: let it finish
                return
            answered = True
            self.state.timed_out += 1
            late = loop.create_task(
                self._answer(scope, send, "timeout", "Service Unavailable", self._late())
            )

        timer = loop.call_at(deadline, at_deadline)
        try:
            await self.app(scope, receive, guarded_send)
        except Exception:
            if not answered:
                raise
            # the client has its 503; what the overrunning request raised afterwards is moot
        finally:
            timer.cancel()
            self.state.release()
            if late is not None:
                await late


__all__ = ["Admission", "AdmissionMiddleware", "admitted"]
