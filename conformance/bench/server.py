"""``conformance bench --server``: scenario apps under gunicorn, under load.

One target at a time, a scenario app (built by ``fixtures/bench/serve.py``
from the same builder as the in-process bench) is served by gunicorn with
two sync workers on 127.0.0.1 and a free port, and a bounded load generator
hits it for a fixed duration: ``wrk`` when it is on ``PATH``, otherwise a
Python fallback of threads with keep-alive ``http.client`` connections. What
comes back is requests per second and the 99th percentile latency.

The Python fallback shares the machine, and the GIL, with its own threads:
with it the figures say as much about the client as about the server, so
compare targets only within one run.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

#: The app module gunicorn serves; it reads the two variables below.
APP_DIR = FIXTURES_DIR / "bench"
APP = "serve:app"
TARGET_VARIABLE = "CONFORMANCE_BENCH_TARGET"
SCENARIO_VARIABLE = "CONFORMANCE_BENCH_SCENARIO"

WORKERS = 2
CONNECTIONS = 16
WRK_THREADS = 2
STARTUP_DEADLINE = 20.0
STOP_DEADLINE = 10.0
LOAD_GENERATORS = ("auto", "wrk", "python")


class ServerError(Exception):
    """A server did not start, or a load generator could not run."""


@dataclass
class LoadResult:
    """What one load run measured against one served target."""

    target: str
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p99_ms: float

    def as_record(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "requests_per_second": round(self.requests_per_second, 1),
            "p99_ms": round(self.p99_ms, 3),
        }


@dataclass
class ServerMeasurement:
    """One scenario served for targets A and B."""

    scenario: str
    a: LoadResult
    b: LoadResult

    @property
    def ratio(self) -> float:
        """B's requests per second over A's: above 1 when B serves more."""
        return self.b.requests_per_second / self.a.requests_per_second

    @property
    def p99_ratio(self) -> float:
        """B's p99 latency over A's: below 1 when B answers sooner."""
        return self.b.p99_ms / self.a.p99_ms

    def as_record(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "a": self.a.as_record(),
            "b": self.b.as_record(),
            "ratio": round(self.ratio, 4),
            "p99_ratio": round(self.p99_ratio, 4),
        }


def choose_load_generator(requested: str) -> str:
    """``wrk`` or ``python``; ``auto`` picks wrk when it is on PATH."""
    if requested == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if requested == "wrk" and not shutil.which("wrk"):
        raise ServerError("--load-generator wrk: wrk is not on PATH")
    return requested


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM gunicorn, kill it if it lingers, then whatever is left of its group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_DEADLINE)
    # gunicorn leads its own session, so its group id is its pid and the
    # group holds only the processes it started.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def gunicorn(target: str, scenario: str) -> Iterator[int]:
    """Serve one scenario app for one target until the block ends; yield its port."""
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY_DIR), env.get("PYTHONPATH")]))
    env[TARGET_VARIABLE] = target
    env[SCENARIO_VARIABLE] = scenario
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
        "--worker-class", "sync", "--workers", str(WORKERS),
        "--graceful-timeout", "5", "--log-level", "warning", APP,
    ]  # fmt: skip
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command,
            cwd=APP_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + STARTUP_DEADLINE
            while not _accepts_connections(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    last = output.read().decode(errors="replace").strip().splitlines()[-1:]
                    raise ServerError(
                        f"gunicorn did not start for {target}/{scenario}"
                        + (f": {last[0]}" if last else "")
                    )
                time.sleep(0.05)
            yield port
        finally:
            _stop(process)


def fetch_status(port: int, method: str, path: str) -> int:
    """One request on a fresh connection; its status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        with connection.getresponse() as response:
            response.read()
            return response.status
    finally:
        connection.close()


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0 to 1) of ``values``, interpolated."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1]


def python_load(
    port: int, path: str, seconds: float, expected_status: int, connections: int = CONNECTIONS
) -> tuple[int, int, float, list[float]]:
    """Keep ``connections`` threads requesting ``path`` for ``seconds``.

    Each thread holds one ``http.client`` connection, kept alive while the
    server allows it (gunicorn's sync workers close after each response, and
    the connection then reopens). Returns the requests completed, the errors,
    the time taken and each request's latency in seconds.
    """
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    start_line = threading.Barrier(connections + 1)
    deadline = 0.0

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = latencies[index]
        start_line.wait()
        while True:
            started = time.perf_counter()
            if started >= deadline:
                break
            try:
                connection.request("GET", path)
                with connection.getresponse() as response:
                    response.read()
                    status = response.status
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                continue
            if status != expected_status:
                errors[index] += 1
            mine.append(time.perf_counter() - started)
        connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(connections)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = [latency for mine in latencies for latency in mine]
    return len(flat), sum(errors), elapsed, flat


_WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def parse_wrk(output: str) -> tuple[int, int, float, float, float]:
    """From ``wrk --latency`` output: requests, errors, seconds, requests/s, p99 ms."""
    try:
        requests, seconds, unit = re.search(
            r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", output
        ).groups()  # type: ignore[union-attr]
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
        p99, p99_unit = re.search(
            r"^\s*99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", output, re.M
        ).groups()  # type: ignore[union-attr]
    except AttributeError:
        raise ServerError(
            "could not read wrk's output: " + " ".join(output.split())[:200]
        ) from None
    errors = 0
    non_success = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_success:
        errors += int(non_success.group(1))
    socket_errors = re.search(r"Socket errors:([^\n]*)", output)
    if socket_errors:
        errors += sum(int(count) for count in re.findall(r"\d+", socket_errors.group(1)))
    seconds_taken = float(seconds) * _WRK_UNITS[unit] / 1e3
    return int(requests), errors, seconds_taken, rate, float(p99) * _WRK_UNITS[p99_unit]


def wrk_load(port: int, path: str, seconds: float) -> tuple[int, int, float, float, float]:
    duration = max(1, round(seconds))
    command = [
        "wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency",
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 30, check=False
    )
    if completed.returncode != 0:
        raise ServerError(f"wrk failed: {completed.stderr.strip() or completed.stdout.strip()}")
    return parse_wrk(completed.stdout)


def load(
    target: str, port: int, path: str, seconds: float, expected_status: int, generator: str
) -> LoadResult:
    if generator == "wrk":
        requests, errors, elapsed, rate, p99_ms = wrk_load(port, path, seconds)
        return LoadResult(target, requests, errors, elapsed, rate, p99_ms)
    requests, errors, elapsed, latencies = python_load(port, path, seconds, expected_status)
    if not latencies:
        raise ServerError(f"no request to {target} completed in {seconds:g} s")
    p99_ms = percentile(latencies, 0.99) * 1e3
    return LoadResult(target, requests, errors, elapsed, requests / elapsed, p99_ms)


def serve_and_load(
    target: str, scenario: str, path: str, expected_status: int, seconds: float, generator: str
) -> LoadResult:
    """Start gunicorn for one target, check it answers, warm it up, then measure."""
    with gunicorn(target, scenario) as port:
        status = fetch_status(port, "GET", path)
        if status != expected_status:
            raise ServerError(
                f"{scenario} served by {target} answered {status}, expected {expected_status}"
            )
        warm_up = min(1.0, seconds / 5)
        python_load(port, path, warm_up, expected_status, connections=WORKERS * 2)
        return load(target, port, path, seconds, expected_status, generator)
