"""Swagger UI "Try it out" in a real browser: every POST operation, every request-body example.

For each example the test does what a user does and nothing more: expand the operation, press
"Try it out", choose the example in the dropdown, press Execute. The path parameter is whatever
Swagger fills in from the spec. Each execution must

- post exactly the example's body,
- answer 2xx, both on the wire and in the page's live response,
- post to the function the example's summary names: the URL's ``{name}`` (or its canonical name)
  is named in the summary, or the summary names no function of that family at all,
- carry no ``warnings`` unless the summary says a warning is expected.

Every failure is collected, so one run lists every (operation, example) that needs mending.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import httpx

if TYPE_CHECKING:  # playwright is imported by the fixtures, which skip or fail without it
    from playwright.sync_api import Locator, Page

    from tests.browser.conftest import WatchedPage

EXECUTE_TIMEOUT_S = 30
# the catalogs a URL can name a function of: /v1/<family>/{name}, OIP model "<family>.<name>"
NAMED_FAMILIES = ("activations", "losses", "optimizers")


@dataclass
class Example:
    key: str | None  # None: the operation has no request-body examples
    summary: str
    value: Any


@dataclass
class Operation:
    path: str
    operation_id: str
    examples: list[Example]

    @property
    def label(self) -> str:
        return f"POST {self.path} ({self.operation_id})"

    def url_regex(self) -> re.Pattern[str]:
        """The path template as a regex, one named group per path parameter."""
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        return re.compile(rf"^{pattern}$")

    def functions_in_url(self, url: str) -> list[tuple[str, str]]:
        """(family, name) the URL addresses: ``/v1/losses/{name}`` -> ("losses", name), and a
        ``family.name`` parameter (OIP's ``{model}``) -> (family, name)."""
        match = self.url_regex().match(urlsplit(url).path)
        if match is None:
            return []
        segments = self.path.strip("/").split("/")
        found = []
        for param, raw in match.groupdict().items():
            value = unquote(raw)
            at = segments.index(f"{{{param}}}")
            if param == "name" and at > 0 and segments[at - 1] in NAMED_FAMILIES:
                found.append((segments[at - 1], value))
            elif value.partition(".")[0] in NAMED_FAMILIES and "." in value:
                family, _, name = value.partition(".")
                found.append((family, name))
        return found


@dataclass
class Outcome:
    operation: Operation
    example: Example
    status: int | None = None
    url: str = ""
    body: str = ""
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        excerpt = self.body if len(self.body) <= 300 else self.body[:300] + "..."
        return (
            f"{self.operation.label} example {self.example.key!r} ({self.example.summary!r}): "
            f"{'; '.join(self.problems)}\n    status={self.status} url={self.url}\n"
            f"    body={excerpt}"
        )


def post_operations(spec: dict[str, Any]) -> list[Operation]:
    ops = []
    for path, item in spec["paths"].items():
        op = item.get("post")
        if op is None:
            continue
        content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        examples = [
            Example(key, ex.get("summary", key), ex.get("value"))
            for key, ex in content.get("examples", {}).items()
        ]
        ops.append(Operation(path, op.get("operationId", ""), examples))
    return ops


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def catalog_names(base: str, family: str) -> dict[str, str]:
    """Every name and alias of a family, squashed (``MSELoss`` -> ``mseloss``), to its name."""
    entries = httpx.get(f"{base}/v1/{family}", timeout=30).json()[family]
    names: dict[str, str] = {}
    for entry in entries:
        for spelling in [entry["name"], *entry.get("aliases", [])]:
            names[_squash(spelling)] = entry["name"]
    return names


def named_functions(summary: str, names: dict[str, str]) -> set[str]:
    """Canonical names a summary mentions, longest match first ("binary cross-entropy",
    "leaky_relu" and "categorical_crossentropy" each count once, not as their parts)."""
    words = re.findall(r"[a-z0-9]+", summary.lower())
    found: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            name = names.get("".join(words[i : i + n]))
            if name is not None:
                found.add(name)
                i += n
                break
        else:
            i += 1
    return found


def test_named_functions_reads_summaries() -> None:
    names = {"relu": "relu", "leakyrelu": "leaky_relu", "leaky": "leaky_relu"}
    names |= {"binarycrossentropy": "binary_crossentropy", "mse": "mse", "adam": "adam"}
    assert named_functions("leaky_relu with slope 0.01", names) == {"leaky_relu"}
    assert named_functions("relu: kinks", names) == {"relu"}
    assert named_functions("binary cross-entropy on logits", names) == {"binary_crossentropy"}
    assert named_functions("softmax + mse", names) == {"mse"}
    assert named_functions("Keras spellings of Adam's hyperparameters", names) == {"adam"}
    assert named_functions("flat tensor object, float32 compute", names) == set()


def test_functions_in_url_reads_path_parameters() -> None:
    loss = Operation("/v1/losses/{name}", "evaluateLoss", [])
    assert loss.functions_in_url("http://h/v1/losses/MSELoss") == [("losses", "MSELoss")]
    assert loss.functions_in_url("http://h/v1/losses/a/b") == []
    step = Operation("/v1/optimizers/{name}/step", "optimizerStep", [])
    assert step.functions_in_url("http://h/v1/optimizers/adam/step") == [("optimizers", "adam")]
    oip = Operation("/v2/models/{model}/versions/{version}/infer", "oipInferVersion", [])
    url = "http://h/v2/models/activations.sigmoid/versions/1/infer"
    assert oip.functions_in_url(url) == [("activations", "sigmoid")]
    plain = Operation("/v1/gradcheck", "gradcheck", [])
    assert plain.functions_in_url("http://h/v1/gradcheck") == []


def _operation_block(page: Page, path: str) -> Locator:
    block = page.locator(".opblock.opblock-post").filter(
        has=page.locator(f'.opblock-summary-path[data-path="{path}"]')
    )
    assert block.count() == 1, f"Swagger UI shows {block.count()} POST blocks for {path}"
    return block


def _textarea_json(block: Locator) -> Any:
    text = block.locator("textarea.body-param__text").input_value()
    try:
        return json.loads(text)
    except ValueError:
        return text


def _wait_for_body(block: Locator, value: Any, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _textarea_json(block) == value:
            return True
        time.sleep(0.02)
    return False


def _live_status(block: Locator) -> Locator:
    return block.locator(".live-responses-table tr.response .response-col_status").first


def execute_example(
    page: Page, block: Locator, op: Operation, example: Example, catalogs: dict[str, dict[str, str]]
) -> Outcome:
    """Choose the example, press Execute, and check what was sent and what came back."""
    out = Outcome(op, example)
    if example.key is not None:
        block.locator(".opblock-section-request-body select.examples-select-element").select_option(
            value=example.key
        )
        if not _wait_for_body(block, example.value):
            out.problems.append("choosing the example did not put its value in the body editor")
            return out

    # Execute, then wait for a POST response, a POST that failed, or Swagger's own refusal
    # (validation errors are shown at once and nothing is sent)
    seen: list[Any] = []
    failed: list[Any] = []

    def on_response(r: Any) -> None:
        if r.request.method == "POST":
            seen.append(r)

    def on_failed(r: Any) -> None:
        if r.method == "POST":
            failed.append(r)

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        block.locator("button.execute").click()
        deadline = time.monotonic() + EXECUTE_TIMEOUT_S
        while not seen:
            refused = [t for t in block.locator(".validation-errors").all_inner_texts() if t]
            if refused or failed or time.monotonic() > deadline:
                why = (
                    f"Swagger refused: {refused}"
                    if refused
                    else f"the request failed: {[(r.url, r.failure) for r in failed]}"
                    if failed
                    else f"nothing within {EXECUTE_TIMEOUT_S} s"
                )
                out.problems.append(f"Execute sent no request ({why})")
                return out
            page.wait_for_timeout(20)
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
    response = seen[0]
    out.status, out.url = response.status, response.url
    out.body = response.text()

    if len(seen) > 1:
        out.problems.append(f"one Execute sent {len(seen)} POSTs: {[r.url for r in seen]}")
    if not op.url_regex().match(urlsplit(response.url).path):
        out.problems.append(f"posted to a URL that is not {op.path}")
    posted = response.request.post_data
    if example.key is not None and (posted is None or json.loads(posted) != example.value):
        out.problems.append(f"the posted body is not the example's value: {posted!r:.200}")

    # the page shows the same live response
    live = _live_status(block)
    live.wait_for()
    shown = live.inner_text().strip()
    if not shown.startswith(str(response.status)):
        out.problems.append(f"the page shows status {shown!r}, the network saw {response.status}")
    shown_url = block.locator(".request-url pre").inner_text().strip()
    if shown_url != response.url:
        out.problems.append(f"the page shows request URL {shown_url!r}")

    if not 200 <= response.status < 300:
        out.problems.append(f"status {response.status}")

    for family, url_name in op.functions_in_url(response.url):
        names = catalogs[family]
        canonical = names.get(_squash(url_name), url_name)
        named = named_functions(example.summary, names)
        if named and canonical not in named:
            out.problems.append(
                f"posted to {family} {url_name!r} but the summary names {sorted(named)} "
                "(Swagger's prefilled path parameter is the wrong function)"
            )

    if response.headers.get("content-type", "").startswith("application/json"):
        data = json.loads(out.body)
        warnings = data.get("warnings") if isinstance(data, dict) else None
        if warnings and "warning" not in example.summary.lower():
            out.problems.append(f"unexpected warnings: {warnings}")

    # Clear, so the next execution's live response is known to be new (a synthetic click: the
    # button needs no actionability wait, and waiting for it costs 0.4 s per example)
    block.locator("button.btn-clear").dispatch_event("click")
    live.wait_for(state="detached")
    return out


def test_every_post_example_runs_from_try_it_out(
    watched_page: WatchedPage, live_server: str
) -> None:
    spec = httpx.get(f"{live_server}/openapi.json", timeout=30).json()
    ops = post_operations(spec)
    assert ops, "the spec has no POST operations"
    catalogs = {family: catalog_names(live_server, family) for family in NAMED_FAMILIES}

    page = watched_page.page
    page.goto(f"{live_server}/docs")
    page.locator(".opblock").first.wait_for()

    outcomes: list[Outcome] = []
    for op in ops:
        block = _operation_block(page, op.path)
        block.locator(".opblock-summary-control").click()
        block.locator("button.try-out__btn").click()
        block.locator("button.execute").wait_for()
        examples = op.examples
        if not examples:
            out = Outcome(op, Example(None, "(no examples)", None))
            out.problems.append("no request-body examples in the spec")
            outcomes.append(out)
            examples = [Example(None, "(the body Swagger generates from the schema)", None)]
        else:
            labels = block.locator(
                ".opblock-section-request-body select.examples-select-element option"
            ).all_inner_texts()
            if labels != [ex.summary for ex in examples]:
                out = Outcome(op, Example(None, "(the examples dropdown)", None))
                out.problems.append(f"the dropdown lists {labels}, not the spec's summaries")
                outcomes.append(out)
        outcomes.extend(execute_example(page, block, op, ex, catalogs) for ex in examples)
        block.locator(".opblock-summary-control").click()  # collapse: keep the page small

    executed = sum(o.status is not None for o in outcomes)
    failures = [o for o in outcomes if o.problems]
    summary = "\n".join(o.report() for o in failures)
    assert not failures, (
        f"{len(failures)} of {len(outcomes)} examples fail "
        f"({executed} executed, {len(ops)} POST operations):\n{summary}"
    )
    watched_page.assert_clean()


def test_redoc_renders_offline(watched_page: WatchedPage, live_server: str) -> None:
    spec = httpx.get(f"{live_server}/openapi.json", timeout=30).json()
    page = watched_page.page
    page.goto(f"{live_server}/redoc")
    title = page.locator(".api-info h1")
    title.wait_for()
    assert spec["info"]["title"] in title.inner_text()
    assert page.get_by_text("failed to render").count() == 0
    for path, item in spec["paths"].items():
        for method, op in item.items():
            section = page.locator(f'[data-section-id="operation/{op["operationId"]}"]')
            assert section.count() == 1, f"ReDoc does not show {method.upper()} {path}"
            assert op.get("summary", "") in section.locator("h2").first.inner_text()
    watched_page.assert_clean()


def test_guard_catches_requests_off_loopback_and_console_errors(
    watched_page: WatchedPage, live_server: str
) -> None:
    """The fixtures' premise: a request off loopback is aborted and recorded, errors are seen."""
    page = watched_page.page
    page.goto(f"{live_server}/docs")
    page.locator(".opblock").first.wait_for()
    failed = page.evaluate("fetch('https://example.com/x').then(() => 'fetched', () => 'failed')")
    assert failed == "failed"
    assert watched_page.blocked == ["GET https://example.com/x"]
    page.evaluate("console.error('probe')")
    page.wait_for_timeout(100)  # console events arrive asynchronously
    assert any("probe" in e for e in watched_page.console_errors)
    # what this test provoked is not a failure of the page
    watched_page.forget()
