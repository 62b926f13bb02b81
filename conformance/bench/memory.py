"""The memory figures of ``conformance bench``: RSS after a fixed number of requests, allocations per request.

Each target is measured in a child process of its own (``python -m
conformance.bench.memory TARGET REQUESTS SCENARIO ...``) that imports only
that target, so no other framework's modules count in its resident set.
For each scenario the child forks: the fork builds the scenario app, sends
it ``REQUESTS`` requests through WSGI (bodies read and closed, as in the
timing), reads its resident set size from ``/proc``, then sends
:data:`PROBES` more with :mod:`tracemalloc` on and reports the median peak
of memory allocated while one request is answered (blocks freed before the
request ends included; the interpreter's own free lists not). Every
scenario thus starts from the same imported-target process, and one
scenario's caches do not count in another's figures. Where ``os.fork`` is
missing (not Linux or macOS), the scenarios run one after another in the
child, and the RSS is cumulative.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from typing import Any

from conformance.bench.soak import resident_bytes

#: Requests answered with tracemalloc on, after the RSS reading.
PROBES = 20
#: Default number of requests before the RSS reading.
DEFAULT_REQUESTS = 10_000


class MemoryFailed(Exception):
    """A child could not measure a target."""


@dataclass
class MemoryFigures:
    """One scenario on one target."""

    rss_bytes: int
    #: Median peak of bytes allocated while one request is answered.
    peak_bytes_per_request: int
    #: Bytes still allocated after the probes and a collection, per probe.
    kept_bytes_per_request: float

    def as_record(self) -> dict[str, Any]:
        return {
            "rss_bytes": self.rss_bytes,
            "peak_bytes_per_request": self.peak_bytes_per_request,
            "kept_bytes_per_request": round(self.kept_bytes_per_request, 1),
        }


def _answer(app: Any, environ: dict[str, Any]) -> None:
    iterable = app(environ, _start_response)
    try:
        b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()


def _start_response(status: str, headers: list, exc_info: Any = None) -> Any:
    return _write


def _write(data: bytes) -> None:
    return None


def measure_scenario(prepared: Any, requests: int) -> MemoryFigures:
    """Send *requests* requests, read the RSS, then probe allocations per request."""
    app, fresh_environ = prepared.app, prepared.fresh_environ
    for _ in range(requests):
        _answer(app, fresh_environ())
    rss = resident_bytes()
    peaks = []
    environs = [fresh_environ() for _ in range(PROBES + 1)]
    tracemalloc.start()
    try:
        _answer(app, environs.pop())  # the first traced request fills tracemalloc's own tables
        gc.collect()
        start, _ = tracemalloc.get_traced_memory()
        for environ in environs:
            before, _ = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            _answer(app, environ)
            peaks.append(tracemalloc.get_traced_memory()[1] - before)
        gc.collect()  # what cycles hold is freed; what stays is kept by the app
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return MemoryFigures(rss, int(statistics.median(peaks)), (end - start) / PROBES)


def _in_fork(build: Any, requests: int) -> dict[str, Any]:
    """Run *build* and the measurement in a forked process; its record, or its error."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the fork's side, reported through the pipe
        os.close(reading)
        try:
            record = {"figures": measure_scenario(build(), requests).as_record()}
        except BaseException as error:
            record = {"error": f"{type(error).__name__}: {error}"}
        with os.fdopen(writing, "w") as pipe:
            pipe.write(json.dumps(record))
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(text) if text else {"error": "the fork ended without a record"}


def _child(name: str, requests: int, scenarios: list[str]) -> int:
    """The child's side: one JSON record per scenario on stdout."""
    from conformance.bench.scenarios import SCENARIOS
    from conformance.targets import TargetError, load_target

    try:
        target = load_target(name)
    except TargetError as error:
        print(error, file=sys.stderr)
        return 1
    for scenario in scenarios:
        build = SCENARIOS[scenario].build
        if hasattr(os, "fork"):
            record = _in_fork(lambda build=build: build(target), requests)
        else:  # pragma: no cover - no fork on this platform
            record = {"figures": measure_scenario(build(target), requests).as_record()}
        print(json.dumps({"scenario": scenario, **record}), flush=True)
    return 0


def run(name: str, scenarios: list[str], requests: int) -> dict[str, MemoryFigures]:
    """Measure *scenarios* on target *name* in a child process; figures by scenario."""
    command = [sys.executable, "-m", "conformance.bench.memory", name, str(requests), *scenarios]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    figures = {}
    for line in completed.stdout.splitlines():
        record = json.loads(line)
        if "error" in record:
            raise MemoryFailed(f"{record['scenario']} on {name}: {record['error']}")
        figures[record["scenario"]] = MemoryFigures(**record["figures"])
    if completed.returncode != 0 or len(figures) != len(scenarios):
        last = completed.stderr.strip().splitlines()[-1:] or [f"exit status {completed.returncode}"]
        raise MemoryFailed(f"{name}: {last[0]}")
    return figures


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
