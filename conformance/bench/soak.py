"""``conformance bench --soak``: many requests through one mixed app, watching memory.

The timing bench answers "how fast"; the soak answers "does it stay put".
Each target builds one app through its public API that mixes what a real
app does (plain routes, JSON, a signed session written back, a template, a
404 handler, a handled exception, a streamed response, an async view, and
request hooks) and is sent ``requests`` requests in process through its WSGI
callable, round robin over those routes, each body read to the end and the
iterable closed as a server does.

Every target soaks in a child process of its own (``python -m
conformance.bench.soak``), so each resident set size (RSS) is that target's
alone. The child reports the RSS after a warm-up and at every tenth of the
run, and at the end whether an application or request context is still
pushed and how many file descriptors are open compared with the start. The
parent prints both targets side by side; the command fails (status 1) when a
context is left pushed or the descriptors grew, and never on memory, whose
growth is a figure to read, not a verdict.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from werkzeug.test import EnvironBuilder

from conformance.bench.scenarios import IMPORT_NAME
from conformance.targets import Target

DEFAULT_REQUESTS = 1_000_000
#: Requests sent before the first RSS reading, so caches fill first.
WARM_UP_REQUESTS = 2_000
#: How many readings a run takes after the warm-up (one every tenth).
CHECKPOINTS = 10

TEMPLATE = """\
<h1>{{ title }}</h1>
<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>
<p>{{ request.path }} {{ session.get('visits', 0) }}</p>
"""


class SoakFailed(Exception):
    """A target could not build the soak app or answered with a wrong status."""


@dataclass(frozen=True)
class SoakRequest:
    """One request of the round robin, as a prebuilt environ and its expected status."""

    name: str
    environ: dict[str, Any]
    body: bytes
    expected_status: str

    def fresh_environ(self) -> dict[str, Any]:
        environ = self.environ.copy()
        environ["wsgi.input"] = BytesIO(self.body)
        return environ


def _request(name: str, expected_status: str, **options: Any) -> SoakRequest:
    environ = EnvironBuilder(**options).get_environ()
    body = environ["wsgi.input"].read()
    return SoakRequest(name, environ, body, expected_status)


class Refused(Exception):
    """Raised by the soak app's ``/refused`` view; a handler turns it into a 409."""


def build_mixed_app(target: Target) -> tuple[Any, list[SoakRequest]]:
    """The soak app on ``target`` and the round robin of requests it is sent."""
    app = target.Flask(IMPORT_NAME)
    app.secret_key = "soak secret key"
    g, request, session = target.g, target.request, target.session
    jsonify, render_template_string = target.jsonify, target.render_template_string
    stream_with_context = target.stream_with_context

    @app.before_request
    def remember_start() -> None:
        g.started = True

    @app.after_request
    def mark(response: Any) -> Any:
        response.headers["X-Soak"] = "1"
        return response

    @app.teardown_request
    def forget(error: BaseException | None) -> None:
        return None

    @app.route("/")
    def index() -> str:
        return "soak"

    @app.route("/user/<int:user_id>")
    def user(user_id: int) -> Any:
        return jsonify(id=user_id, name="Ada", roles=["admin", "author"], started=g.started)

    @app.route("/visit")
    def visit() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return f"visit {session['visits']}"

    @app.route("/page")
    def page() -> str:
        return render_template_string(TEMPLATE, title="Things & more", items=range(10))

    @app.route("/refused", methods=["POST"])
    def refused() -> str:
        raise Refused(request.form["reason"])

    @app.errorhandler(Refused)
    def handle_refused(error: Refused) -> tuple[str, int]:
        return f"refused: {error}", 409

    @app.errorhandler(404)
    def not_found(error: Exception) -> tuple[str, int]:
        return "nothing here", 404

    @app.route("/stream")
    def stream() -> Any:
        def chunks() -> Iterator[str]:
            for number in range(5):
                yield f"chunk {number} of {request.path}\n"

        return stream_with_context(chunks())

    @app.route("/async")
    async def asynchronous() -> str:
        return "async soak"

    cookie = app.session_interface.get_signing_serializer(app).dumps({"visits": 1})
    requests = [
        _request("index", "200 OK", path="/"),
        _request("json", "200 OK", path="/user/42"),
        _request("session", "200 OK", path="/visit", headers={"Cookie": f"session={cookie}"}),
        _request("template", "200 OK", path="/page", headers={"Cookie": f"session={cookie}"}),
        _request("handled", "409 CONFLICT", path="/refused", method="POST", data={"reason": "no"}),
        _request("404", "404 NOT FOUND", path="/no/such/page"),
        _request("stream", "200 OK", path="/stream"),
        _request("async", "200 OK", path="/async"),
    ]
    return app, requests


def resident_bytes() -> int:
    """This process's resident set size now, from ``/proc`` (peak RSS where there is none)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def open_descriptors() -> int:
    """How many file descriptors this process has open."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return -1


def _send(app: Any, prepared: SoakRequest) -> None:
    """Send one request as a server would: read the body to the end, then close it."""
    seen: list[str] = []

    def start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
        seen.append(status)
        return _write

    iterable = app(prepared.fresh_environ(), start_response)
    try:
        for _ in iterable:
            pass
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    if seen[-1] != prepared.expected_status:
        raise SoakFailed(f"{prepared.name} answered {seen[-1]!r}, not {prepared.expected_status!r}")


def _write(data: bytes) -> None:
    return None


def soak(target: Target, requests: int, emit: Callable[[dict[str, Any]], None]) -> None:
    """Soak ``target`` with ``requests`` requests, reporting each reading as a record.

    Records: ``start`` (after the warm-up), ``checkpoint`` at each tenth, and
    ``end`` with the context and descriptor checks.
    """
    try:
        app, round_robin = build_mixed_app(target)
    except Exception as error:
        raise SoakFailed(
            f"the soak app cannot be built: {type(error).__name__}: {error}"
        ) from error
    wsgi = app.wsgi_app
    for number in range(WARM_UP_REQUESTS):
        _send(wsgi, round_robin[number % len(round_robin)])
    gc.collect()
    descriptors_before = open_descriptors()
    start_rss = resident_bytes()
    emit({"kind": "start", "rss": start_rss, "fds": descriptors_before})
    started = time.perf_counter()
    marks = {requests * step // CHECKPOINTS: step for step in range(1, CHECKPOINTS + 1)}
    count = len(round_robin)
    for number in range(1, requests + 1):
        _send(wsgi, round_robin[number % count])
        if number in marks:
            emit(
                {
                    "kind": "checkpoint",
                    "percent": marks[number] * 100 // CHECKPOINTS,
                    "requests": number,
                    "rss": resident_bytes(),
                    "seconds": round(time.perf_counter() - started, 3),
                }
            )
    gc.collect()
    emit(
        {
            "kind": "end",
            "rss": resident_bytes(),
            "fds": open_descriptors(),
            "fds_before": descriptors_before,
            "app_context_left": bool(target.has_app_context()),
            "request_context_left": bool(target.has_request_context()),
        }
    )


@dataclass
class SoakResult:
    """One target's soak, as its child reported it."""

    name: str
    version: str
    requests: int
    start_rss: int = 0
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    end: dict[str, Any] = field(default_factory=dict)

    @property
    def growth(self) -> int:
        """RSS at the end (after a collection) minus RSS after the warm-up, in bytes."""
        return self.end["rss"] - self.start_rss

    @property
    def context_left(self) -> bool:
        return bool(self.end["app_context_left"] or self.end["request_context_left"])

    @property
    def fds_grew(self) -> bool:
        return self.end["fds"] > self.end["fds_before"]

    @property
    def seconds(self) -> float:
        return self.checkpoints[-1]["seconds"] if self.checkpoints else 0.0


def run_child(name: str, requests: int, progress: Callable[[str], None]) -> SoakResult:
    """Soak one target in a child process and collect what it reports."""
    command = [sys.executable, "-m", "conformance.bench.soak", name, str(requests)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        result: SoakResult | None = None
        for line in child.stdout:
            record = json.loads(line)
            kind = record["kind"]
            if kind == "target":
                result = SoakResult(name, record["version"], requests)
            elif result is None:
                break
            elif kind == "start":
                result.start_rss = record["rss"]
            elif kind == "checkpoint":
                result.checkpoints.append(record)
                progress(
                    f"{name}: {record['percent']}% ({record['requests']:,} requests), "
                    f"RSS {_mebibytes(record['rss'])} MiB"
                )
            elif kind == "end":
                result.end = record
        errors = child.stderr.read()
        child.wait()
    if child.returncode != 0 or result is None or not result.end:
        last = errors.strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
        raise SoakFailed(f"{name}: {last[0]}")
    return result


def _mebibytes(size: int) -> str:
    return f"{size / 2**20:.1f}"


def _signed_mebibytes(size: int) -> str:
    return f"{size / 2**20:+.1f}"


def render(results: list[SoakResult]) -> list[str]:
    """The side-by-side table: RSS per tenth, growth, seconds, contexts and descriptors."""
    heads = [f"{result.name} {result.version}" for result in results]
    width = max(14, *(len(head) + 2 for head in heads))
    lines = [
        f"soak: {results[0].requests:,} requests per target through a mixed app, in process; "
        "RSS in MiB",
        "",
        f"{'':<12}" + "".join(f"{head:>{width}}" for head in heads),
        f"{'warmed up':<12}" + "".join(f"{_mebibytes(r.start_rss):>{width}}" for r in results),
    ]
    for index in range(CHECKPOINTS):
        label = f"{(index + 1) * 100 // CHECKPOINTS}%"
        cells = [_mebibytes(r.checkpoints[index]["rss"]) for r in results]
        lines.append(f"{label:<12}" + "".join(f"{cell:>{width}}" for cell in cells))
    rows = [
        ("end (gc)", [_mebibytes(r.end["rss"]) for r in results]),
        ("growth", [_signed_mebibytes(r.growth) for r in results]),
        ("seconds", [f"{r.seconds:.1f}" for r in results]),
        ("contexts", ["left pushed" if r.context_left else "none left" for r in results]),
        ("fds", [f"{r.end['fds_before']} -> {r.end['fds']}" for r in results]),
    ]
    for label, cells in rows:
        lines.append(f"{label:<12}" + "".join(f"{cell:>{width}}" for cell in cells))
    return lines


def run(names: list[str], requests: int, progress: Callable[[str], None]) -> list[SoakResult]:
    """Soak each named target in turn, each in a child process."""
    return [run_child(name, requests, progress) for name in names]


def report(results: list[SoakResult]) -> tuple[list[str], int]:
    """The report's lines and the command's exit status (1: a context left or fds grew)."""
    lines = render(results)
    status = 0
    for result in results:
        if result.context_left:
            lines.append(f"{result.name}: a context is still pushed after the soak")
            status = 1
        if result.fds_grew:
            lines.append(
                f"{result.name}: open file descriptors grew from "
                f"{result.end['fds_before']} to {result.end['fds']}"
            )
            status = 1
    return lines, status


def write_json(path: Path, results: list[SoakResult]) -> None:
    """Every target's readings, for tracking growth across runs."""
    records = [
        {
            "target": {"name": result.name, "version": result.version},
            "requests": result.requests,
            "start_rss": result.start_rss,
            "checkpoints": result.checkpoints,
            "end": result.end,
            "growth": result.growth,
        }
        for result in results
    ]
    path.write_text(json.dumps({"kind": "soak", "results": records}, indent=2) + "\n")


def _child(name: str, requests: int) -> int:
    """The child's side: soak one target, one JSON record per line on stdout."""
    from conformance.targets import TargetError, load_target

    def emit(record: dict[str, Any]) -> None:
        print(json.dumps(record), flush=True)

    try:
        target = load_target(name)
        emit({"kind": "target", "version": target.adapter.version})
        soak(target, requests, emit)
    except (TargetError, SoakFailed) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2])))
