"""Pure ASGI middleware: body-size limit (413 before the whole body is read), API key,
Prometheus request metrics, request ids, the JSON access log and HEAD as GET."""

from __future__ import annotations

import asyncio
import bisect
import hmac
import logging
import math
import random
import time
from typing import Any

import orjson
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import problem
from service.wire.oip import error_response as oip_error_response
from service.wire.oip import is_oip_path


def header(scope: Scope, name: bytes) -> bytes | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return bytes(v)
    return None


def edge_error(
    status: int,
    detail: str,
    path: str,
    loc: list[str],
    msg: str,
    *,
    headers: dict[str, str] | None = None,
    title: str | None = None,
) -> Any:
    """An error the middleware answers before any route: a problem naming ``loc``, or in the
    Open Inference Protocol's error form (``{"error": detail}``) under /v2."""
    if is_oip_path(path):
        return oip_error_response(status, detail, headers)
    return problem(status, detail, [{"loc": loc, "msg": msg}], title=title, headers=headers)


def body_too_large(what: str, max_bytes: int, path: str) -> Any:
    """413 for a body over ``max_bytes`` (``what``: "request body of N bytes", ...)."""
    return edge_error(
        413,
        f"{what} exceeds the limit of {max_bytes} bytes (setting GRADSERVE_MAX_BODY_BYTES)",
        path,
        ["body"],
        f"expected at most {max_bytes} bytes",
        headers={"Connection": "close"},
        title="Payload too large",
    )


class BodyLimitMiddleware:
    """Answer 413 problem+json for bodies over ``max_bytes``.

    A declared Content-Length over the limit is refused before any of the body is read.
    A chunked body (no Content-Length) is read up to the limit and refused as soon as it
    passes it; below the limit it is replayed to the app.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self, size: str, path: str) -> Any:
        return body_too_large(f"request body {size}", self.max_bytes, path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        if declared is not None:
            try:
                length = int(declared)
                if length < 0:
                    raise ValueError
            except ValueError:
                await problem(400, "invalid Content-Length header")(scope, receive, send)
                return
            if length > self.max_bytes:
                await self._too_large(f"of {length} bytes", scope["path"])(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await self._too_large("(chunked)", scope["path"])(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [
            {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        ]

        async def replay_receive() -> Message:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)


class ApiKeyMiddleware:
    """When an API key is configured, /v1/* and the Open Inference Protocol's /v2/* (its
    models: metadata, readiness, inference; not /v2/health/*, the probes) require it in the
    X-API-Key header. A 401 is a problem under /v1 and ``{"error"}`` under /v2. CORS
    preflights never carry the key: the CORS middleware, outside this one, answers them."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.key = api_key.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and guarded(scope.get("path", "")):
            given = header(scope, b"x-api-key") or b""
            if not hmac.compare_digest(given, self.key):
                response = edge_error(
                    401,
                    "missing or wrong API key: send it in the X-API-Key header",
                    scope.get("path", ""),
                    ["header", "x-api-key"],
                    "expected the configured API key",
                    headers={"WWW-Authenticate": "ApiKey"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def guarded(path: str) -> bool:
    """Whether the API key guards ``path``: /v1/*, and /v2 and /v2/* but the health probes."""
    return path.startswith("/v1/") or (is_oip_path(path) and not path.startswith("/v2/health/"))


BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
# at most this many (method, route, status) tallies wait for a flush (a client can send any
# method): one more is flushed at once
PENDING_MAX = 4096
# seconds of an OIP inference's phases: queue, compute_input, compute_infer, compute_output
InferPhases = dict[str, float]
PHASES = ("queue", "compute_input", "compute_infer", "compute_output")
# the seconds tallied per model: by outcome, then a success's phases
INFER_SECONDS = ("success", "fail", *PHASES)


class Metrics:
    """Request counters and latency histograms in a registry of the app's own.

    With ``multiprocess_dir`` (prometheus-client's multiprocess mode, several workers) the
    values live in that directory's files, one per worker and kind, and ``registry`` holds a
    ``MultiProcessCollector`` that sums them over every worker at each scrape.

    An answer is tallied in this process (its count, the sum of its latencies, its bucket)
    and the tallies are added to the prometheus-client values by :meth:`flush`: before each
    scrape of this worker's registry, and every ``flush_s`` seconds while the app runs
    (:meth:`flusher`; only the other workers' scrapes need it). In multiprocess mode each
    value written costs a lock, a ``getpid()`` and a write to the mapped file, three per
    answer: with two workers under wrk the server's user CPU per small request was
    3.9-4.8 µs lower with no metrics at all than with them written per answer; a tally
    costs a dict lookup and three additions."""

    def __init__(self, multiprocess_dir: str | None = None, flush_s: float = 0.5) -> None:
        self.registry = CollectorRegistry()
        self.multiprocess = bool(multiprocess_dir)
        self.flush_s = flush_s
        own: CollectorRegistry | None = self.registry
        if multiprocess_dir:
            MultiProcessCollector(self.registry, path=multiprocess_dir)  # type: ignore[no-untyped-call]
            own = None  # the values are in the files, summed by the collector
        self.requests = Counter(
            "gradserve_requests_total",
            "HTTP requests served",
            ["method", "route", "status"],
            registry=own,
        )
        self.latency = Histogram(
            "gradserve_request_duration_seconds",
            "Request latency",
            ["method", "route"],
            registry=own,
            buckets=BUCKETS,
        )
        # Open Inference Protocol inferences per model (Triton's statistics extension reads
        # them back summed over the workers: GET /v2/models/stats), tallied per request and
        # added at each flush like the request metrics
        self.inferences = Counter(
            "gradserve_oip_inferences",
            "OIP inference requests of a known model, by outcome (success, fail)",
            ["model", "outcome"],
            registry=own,
        )
        self.inference_seconds = Counter(
            "gradserve_oip_inference_seconds",
            "Seconds spent on OIP inferences: in total by outcome (success, fail), and the "
            "successful ones' phases (queue, compute_input, compute_infer, compute_output)",
            ["model", "phase"],
            registry=own,
        )
        self.last_inference = Gauge(
            "gradserve_oip_last_inference_timestamp_seconds",
            "When the model's last OIP inference request ended (Unix time)",
            ["model"],
            registry=own,
            multiprocess_mode="max",
        )
        self.bounds = (*map(float, BUCKETS), math.inf)
        # (method, route, status) -> [answers, sum of their seconds, answers per bucket]
        self.pending: dict[tuple[str, str, int], list[Any]] = {}
        # model -> [successes, failures, seconds of INFER_SECONDS..., last end (Unix time)]
        self.inference_pending: dict[str, list[Any]] = {}
        self.children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def record(self, scope: Scope, status: int, seconds: float) -> None:
        """Tally one answer of ``status`` and its latency, labelled by method and the matched
        route's path template (``unmatched`` when no route matched)."""
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        key = (scope.get("method", ""), route, status)
        tally = self.pending.get(key)
        if tally is None:
            if len(self.pending) >= PENDING_MAX:
                self.flush()
            tally = self.pending[key] = [0, 0.0, [0] * len(self.bounds)]
        tally[0] += 1
        tally[1] += seconds
        tally[2][bisect.bisect_left(self.bounds, seconds)] += 1

    def flush(self) -> None:
        """Add the tallies to the counter and histogram values (in multiprocess mode, to this
        worker's files) and start afresh. The histogram has no public call that adds many
        observations at once; its sum and bucket values are added to as ``observe`` does,
        and tests compare the exposition with ``observe``'s."""
        pending, self.pending = self.pending, {}
        for key, (count, total, buckets) in pending.items():
            counter, histogram = self.children.get(key) or self._children(key)
            counter.inc(count)
            histogram._sum.inc(total)
            for value, n in zip(histogram._buckets, buckets, strict=True):
                if n:
                    value.inc(n)
        inferences, self.inference_pending = self.inference_pending, {}
        for model, (ok, failed, *seconds, last) in inferences.items():
            if ok:
                self.inferences.labels(model, "success").inc(ok)
            if failed:
                self.inferences.labels(model, "fail").inc(failed)
            for phase, value in zip(INFER_SECONDS, seconds, strict=True):
                if value:
                    self.inference_seconds.labels(model, phase).inc(value)
            self.last_inference.labels(model).set(last)

    def record_inference(self, model: str, ok: bool, seconds: float, phases: InferPhases) -> None:
        """Tally one OIP inference of ``model`` (its canonical name): its outcome, its time,
        for a success the time of each phase, and when it ended (added by :meth:`flush`)."""
        tally = self.inference_pending.get(model)
        if tally is None:
            tally = self.inference_pending[model] = [0, 0, *[0.0] * (len(INFER_SECONDS) + 1)]
        if ok:
            tally[0] += 1
            tally[2] += seconds
            for i, phase in enumerate(PHASES, start=4):
                tally[i] += phases.get(phase, 0.0)
        else:
            tally[1] += 1
            tally[3] += seconds
        tally[-1] = time.time()

    def inference_totals(self) -> dict[str, dict[str, float]]:
        """Per model, summed over every worker: the counts ``success`` and ``fail``, the
        seconds ``<outcome or phase>_seconds``, and ``last``, the Unix time of the last.
        This worker's tallies are flushed first; the other workers' are as of their last
        flush."""
        self.flush()
        out: dict[str, dict[str, float]] = {}
        for family in self.registry.collect():
            for sample in family.samples:
                labels = sample.labels
                if sample.name == "gradserve_oip_inferences_total":
                    key = labels["outcome"]
                elif sample.name == "gradserve_oip_inference_seconds_total":
                    key = f"{labels['phase']}_seconds"
                elif sample.name == "gradserve_oip_last_inference_timestamp_seconds":
                    totals = out.setdefault(labels["model"], {})
                    totals["last"] = max(totals.get("last", 0.0), sample.value)
                    continue
                else:
                    continue
                totals = out.setdefault(labels["model"], {})
                totals[key] = totals.get(key, 0.0) + sample.value
        return out

    async def flusher(self) -> None:
        """Flush every ``flush_s`` seconds until cancelled, then once more."""
        try:
            while True:
                await asyncio.sleep(self.flush_s)
                self.flush()
        finally:
            self.flush()

    def _children(self, key: tuple[str, str, int]) -> tuple[Any, Any]:
        """The counter and histogram children of (method, route, status), kept: ``labels()``
        takes a lock and builds its key on every call. The map is bounded (a client can send
        any method)."""
        method, route, code = key
        children = (
            self.requests.labels(method, route, str(code)),
            self.latency.labels(method, route),
        )
        if len(self.children) < 4096:
            self.children[key] = children
        return children


class HeadMiddleware:
    """``HEAD`` answered as ``GET`` (RFC 9110 §9.3.2): the app sees a ``GET`` (FastAPI's
    routes list ``GET`` alone) and the answer keeps its status and headers. The outer
    middleware keep the request's own method (the metrics and the access log say ``HEAD``).
    The content is dropped at the very edge (:func:`without_content`), after response
    compression, so that a HEAD's headers, ``Content-Length`` and ``Content-Encoding``
    included, are its GET's; the server, which sees ``HEAD`` too, sends no content either."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        inner = {**scope, "method": "GET"}
        try:
            await self.app(inner, receive, send)
        finally:
            if "route" in inner:  # the matched route, for the metrics' label
                scope["route"] = inner["route"]


def without_content(send: Send) -> Send:
    """``send`` with every body chunk emptied: a HEAD's answer."""

    async def no_content(message: Message) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            message = {**message, "body": b""}
        await send(message)

    return no_content


def server_timing(start: float) -> tuple[bytes, bytes]:
    """The ``Server-Timing`` header of an answer whose handling began at ``start``
    (``time.perf_counter()``): the app's time in ms."""
    return (b"server-timing", f"app;dur={(time.perf_counter() - start) * 1e3:.2f}".encode())


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [*message.get("headers", []), server_timing(start)]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.metrics.record(scope, status["code"], time.perf_counter() - start)


REQUEST_ID_HEADER = b"x-request-id"
REQUEST_ID_MAX = 128
_REQUEST_ID_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

access_log = logging.getLogger("gradserve.access")

# a version-4 (random) UUID: 122 random bits, the version nibble 4 and the RFC 4122 variant
_UUID4_KEEP = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def new_request_id() -> str:
    """A uuid4 as 32 hex digits. From ``random`` (reseeded from os.urandom at start and in
    every forked worker): a request id needs uniqueness, not secrecy, and this costs a
    fifth of ``uuid.uuid4().hex``."""
    return f"{random.getrandbits(128) & _UUID4_KEEP | _UUID4_SET:032x}"


def sane_request_id(value: bytes | None) -> str | None:
    """A client's X-Request-ID if it is 1-128 characters of [A-Za-z0-9._-], else None
    (anything else could forge log lines or headers; it is replaced by a fresh id)."""
    if not value or len(value) > REQUEST_ID_MAX or value.translate(None, _REQUEST_ID_CHARS):
        return None
    return value.decode("ascii")


def work_of(state: dict[str, Any]) -> Any:
    """The work estimate a route recorded on ``request.state``: ``work`` if it set one, else
    what its budget took (tensor elements ``budget.used``, and the estimated response size
    ``budget.response_bytes`` when charged), else None."""
    work = state.get("work")
    if work is not None:
        return work
    budget = state.get("budget")
    used = getattr(budget, "used", None)
    if used is None:
        return None
    response_bytes = getattr(budget, "response_bytes", 0)
    if response_bytes:
        return {"elements": used, "response_bytes": response_bytes}
    return {"elements": used}


class RequestIdMiddleware:
    """Accept a sane ``X-Request-ID`` or make one (uuid4 hex), keep it on ``request.state``
    (``request_id``), echo it on every response, and, when ``log`` is on, write one JSON line
    per request to the ``gradserve.access`` logger::

        {"ts": 1733050000.123, "id": "...", "method": "POST", "path": "/v1/losses/mse",
         "status": 200, "duration_ms": 1.52, "work": {"elements": 12}, "client": "127.0.0.1"}

    ``duration_ms`` runs from the request's arrival here to the end of its response body.
    Installed outermost, it sees the 413 and 401 answers of the other middleware; an
    unexpected exception is logged with status 500 (and re-raised for the error handler,
    which logs it with the id).
    """

    def __init__(self, app: ASGIApp, log: bool = True) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        rid = take_request_id(scope)
        header = (REQUEST_ID_HEADER, rid.encode("ascii"))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), header]}
            await send(message)

        if not self.log:
            await self.app(scope, receive, send_with_id)
            return
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log_access(scope, rid, status, start)


def take_request_id(scope: Scope) -> str:
    """The request's id (a sane ``X-Request-ID`` of the client's, else a fresh uuid4 hex),
    kept on the request's state as ``request_id``."""
    rid = sane_request_id(header(scope, REQUEST_ID_HEADER)) or new_request_id()
    scope.setdefault("state", {})["request_id"] = rid
    return rid


def log_access(scope: Scope, rid: str, status: int, start: float) -> None:
    """The request's access-log line (see :class:`RequestIdMiddleware`), when the
    ``gradserve.access`` logger takes INFO; ``start`` is when its handling began."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    client = scope.get("client")
    line = {
        "ts": round(time.time(), 3),
        "id": rid,
        "method": scope.get("method"),
        "path": scope.get("path"),
        "status": status,
        "duration_ms": round((time.perf_counter() - start) * 1e3, 3),
        "work": work_of(scope.get("state", {})),
        "client": client[0] if client else None,
    }
    # makeRecord + handle: logger.info would also walk the stack for the caller
    text = orjson.dumps(line, default=str).decode()
    record = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, text, (), None)
    access_log.handle(record)
