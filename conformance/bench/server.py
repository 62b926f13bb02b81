"""``conformance bench --server``: scenario apps under gunicorn, under load.

For each scenario, three gunicorns start together, each with two sync
workers on 127.0.0.1 and a free port of its own: one serving the scenario
app on target A, one on target B (both apps built by
``fixtures/bench/serve.py`` through the same builder as the in-process
bench), and the *floor*: a bare WSGI callable that answers with exactly the
status, headers and body A's app gives in process. The floor is what this
server, load generator and machine can do with no framework at all, so
floor/A (the *ceiling*) is the most any B could gain over A here.

Each server must answer the scenario's request with the expected status and
is warmed up briefly; then the bench runs ``slices`` rounds, each giving
every server one slice of load of the same length, the order alternating
round by round (A, B, floor, then floor, B, A, ...) so that drift in the
machine falls on all of them alike. The load comes from ``wrk`` when it is
on ``PATH`` (whole seconds per slice), otherwise from a Python fallback of
threads with keep-alive ``http.client`` connections. A server's figures are
the median requests per second and the median 99th percentile latency over
its slices; every slice is kept for the JSON report. Every gunicorn is
stopped when the scenario ends, whatever ends it.

The Python fallback shares the machine, and the GIL, with its own threads:
with it the figures say as much about the client as about the server, so
compare targets only within one run.
"""

from __future__ import annotations

import contextlib
import http.client
import math
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

if TYPE_CHECKING:
    from conformance.targets import Target

#: The app module gunicorn serves; it reads the three variables below.
APP_DIR = FIXTURES_DIR / "bench"
APP = "serve:app"
TARGET_VARIABLE = "CONFORMANCE_BENCH_TARGET"
SCENARIO_VARIABLE = "CONFORMANCE_BENCH_SCENARIO"
#: Set to ``1``: serve the floor (a bare callable replaying the target's response).
FLOOR_VARIABLE = "CONFORMANCE_BENCH_FLOOR"

#: The name the floor goes by in reports.
FLOOR = "floor"
WORKERS = 2
#: The gunicorn worker classes ``--worker-class`` offers: ``sync`` (one request
#: at a time per worker, the connection closed after each response) and
#: ``gthread`` (a pool of :data:`THREADS` threads per worker, keep-alive kept).
WORKER_CLASSES = ("sync", "gthread")
#: Threads per gthread worker.
THREADS = 4
CONNECTIONS = 16
WRK_THREADS = 2
#: The longest warm-up of each server, and its share of a slice when slices are short.
WARM_UP_SECONDS = 1.0
WARM_UP_SHARE = 0.2
STARTUP_DEADLINE = 30.0
STOP_DEADLINE = 10.0
LOAD_GENERATORS = ("auto", "wrk", "python")

Progress = Callable[[str], None]


class ServerError(Exception):
    """A server did not start or answer, or a load generator could not run."""


@dataclass
class LoadResult:
    """What one slice of load measured against one server."""

    target: str
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p99_ms: float
    #: CPU seconds the server's processes (master and workers) used during
    #: the slice; ``None`` where ``/proc`` cannot tell.
    cpu_seconds: float | None = None

    @property
    def cpu_us_per_request(self) -> float | None:
        """The server's CPU time per request served, in µs."""
        if self.cpu_seconds is None or not self.requests:
            return None
        return self.cpu_seconds / self.requests * 1e6

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "requests_per_second": round(self.requests_per_second, 1),
            "p99_ms": round(self.p99_ms, 3),
        }
        if self.cpu_seconds is not None:
            record["cpu_seconds"] = round(self.cpu_seconds, 3)
        return record


@dataclass
class ServedTarget:
    """One server's slices in one scenario, and the figures drawn from them."""

    target: str
    slices: list[LoadResult]

    @property
    def requests_per_second(self) -> float:
        """The median over the slices."""
        return statistics.median(piece.requests_per_second for piece in self.slices)

    @property
    def p99_ms(self) -> float:
        """The median of the slices' 99th percentile latencies."""
        return statistics.median(piece.p99_ms for piece in self.slices)

    @property
    def cpu_us_per_request(self) -> float | None:
        """The median over the slices of the server's CPU µs per request, if known."""
        known = [piece.cpu_us_per_request for piece in self.slices]
        if not known or any(value is None for value in known):
            return None
        return statistics.median(known)  # type: ignore[type-var]

    @property
    def requests(self) -> int:
        return sum(piece.requests for piece in self.slices)

    @property
    def errors(self) -> int:
        """Failed requests, summed over the slices."""
        return sum(piece.errors for piece in self.slices)

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "target": self.target,
            "requests_per_second": round(self.requests_per_second, 1),
            "p99_ms": round(self.p99_ms, 3),
            "requests": self.requests,
            "errors": self.errors,
            "slices": [piece.as_record() for piece in self.slices],
        }
        cpu = self.cpu_us_per_request
        if cpu is not None:
            record["cpu_us_per_request"] = round(cpu, 1)
        return record


@dataclass
class ServerMeasurement:
    """One scenario served for targets A and B, and the floor unless it was left out."""

    scenario: str
    a: ServedTarget
    b: ServedTarget
    floor: ServedTarget | None = None

    @property
    def ratio(self) -> float:
        """B's requests per second over A's: above 1 when B serves more."""
        return self.b.requests_per_second / self.a.requests_per_second

    @property
    def p99_ratio(self) -> float:
        """B's p99 latency over A's: below 1 when B answers sooner."""
        return self.b.p99_ms / self.a.p99_ms

    @property
    def ceiling(self) -> float | None:
        """The floor's requests per second over A's: the most any B could gain over A."""
        if self.floor is None:
            return None
        return self.floor.requests_per_second / self.a.requests_per_second

    def as_record(self) -> dict[str, Any]:
        record = {
            "scenario": self.scenario,
            "a": self.a.as_record(),
            "b": self.b.as_record(),
            "ratio": round(self.ratio, 4),
            "p99_ratio": round(self.p99_ratio, 4),
        }
        if self.floor is not None:
            record["floor"] = self.floor.as_record()
            record["ceiling"] = round(self.ceiling, 4)  # type: ignore[arg-type]
        return record


def process_group_cpu_seconds(group: int) -> float | None:
    """CPU seconds (user and system) used so far by the live processes of process group *group*.

    Read from ``/proc/<pid>/stat``; ``None`` where there is no ``/proc``.
    Each gunicorn leads a group of its own (its master and its workers), so
    the difference over a slice is what serving that slice cost the server,
    whatever else runs on the machine: requests per second swing with other
    people's load, this hardly does.
    """
    proc = "/proc"
    if not os.path.isdir(proc):
        return None
    ticks = 0
    for entry in os.listdir(proc):
        if not entry.isdigit():
            continue
        try:
            with open(f"{proc}/{entry}/stat", "rb") as stat:
                # Fields after the command name, which may hold spaces: state,
                # ppid, pgrp, ... utime is the 14th field overall, stime the 15th.
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[2]) == group:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def side_labels(a: str, b: str) -> tuple[str, str]:
    """What reports call targets A and B: their names, marked when they are the same."""
    if a == b:
        return f"{a} (A)", f"{b} (B)"
    return a, b


def slice_order(count: int, round_index: int) -> list[int]:
    """Which server goes when in a round: 0, 1, ... in even rounds, reversed in odd ones."""
    order = list(range(count))
    return order if round_index % 2 == 0 else order[::-1]


def slice_seconds(seconds: float, generator: str) -> float:
    """The length of a slice: wrk takes whole seconds, so it gets ``seconds`` rounded up."""
    return float(max(1, math.ceil(seconds))) if generator == "wrk" else seconds


def warm_up_seconds(seconds: float) -> float:
    return min(WARM_UP_SECONDS, seconds * WARM_UP_SHARE)


def choose_load_generator(requested: str) -> str:
    """``wrk`` or ``python``; ``auto`` picks wrk when it is on PATH."""
    if requested == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if requested == "wrk" and not shutil.which("wrk"):
        raise ServerError(
            "--load-generator wrk: wrk is not on PATH (bash fixtures/bench/install-wrk.sh)"
        )
    return requested


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 (all probed at once, so none repeats)."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM gunicorn, kill it if it lingers, then whatever is left of its group."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
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


def _stop_all(processes: list[subprocess.Popen]) -> None:
    """Ask every gunicorn to stop at once, then make sure each has, even if one fails to."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
    failures = []
    for process in processes:
        try:
            _stop(process)
        except BaseException as error:  # keep stopping the others, then re-raise
            failures.append(error)
    if failures:
        raise failures[0]


@contextlib.contextmanager
def _exit_on_sigterm() -> Iterator[None]:
    """In the main thread, turn SIGTERM into SystemExit so the servers get stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, leave)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass(frozen=True)
class Served:
    """What one gunicorn serves: a scenario on a target, or the floor of that target's app."""

    label: str
    target: str
    floor: bool = False

    @property
    def name(self) -> str:
        """What reports call it: the target's name, or ``floor``."""
        return FLOOR if self.floor else self.target


@contextlib.contextmanager
def gunicorns(
    servers: Sequence[Served], scenario: str, worker_class: str = "sync"
) -> Iterator[list[tuple[int, int]]]:
    """Start one gunicorn per server, all at once; yield their ports and process groups once all accept.

    Every process is stopped when the block ends, however it ends.
    """
    ports = free_ports(len(servers))
    base = dict(os.environ)
    base["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPOSITORY_DIR), base.get("PYTHONPATH")])
    )
    base.pop(FLOOR_VARIABLE, None)
    with contextlib.ExitStack() as stack:
        processes: list[subprocess.Popen] = []
        stack.callback(_stop_all, processes)
        outputs = []
        for served, port in zip(servers, ports, strict=True):
            env = dict(base)
            env[TARGET_VARIABLE] = served.target
            env[SCENARIO_VARIABLE] = scenario
            if served.floor:
                env[FLOOR_VARIABLE] = "1"
            command = [
                sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                "--worker-class", worker_class, "--workers", str(WORKERS),
                *(["--threads", str(THREADS)] if worker_class == "gthread" else []),
                "--graceful-timeout", "5", "--log-level", "warning", APP,
            ]  # fmt: skip
            output = stack.enter_context(tempfile.TemporaryFile())
            outputs.append(output)
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=APP_DIR,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        deadline = time.monotonic() + STARTUP_DEADLINE
        for served, port, process, output in zip(servers, ports, processes, outputs, strict=True):
            while not _accepts_connections(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    last = output.read().decode(errors="replace").strip().splitlines()[-1:]
                    raise ServerError(
                        f"gunicorn did not start for {served.label} in {scenario}"
                        + (f": {last[0]}" if last else "")
                    )
                time.sleep(0.05)
        # Started with a session of its own, each gunicorn's pid is its group's id.
        yield [(port, process.pid) for port, process in zip(ports, processes, strict=True)]


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

    # Daemon threads: an interrupted run does not wait on them at exit.
    threads = [
        threading.Thread(target=worker, args=(index,), daemon=True) for index in range(connections)
    ]
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
    duration = round(slice_seconds(seconds, "wrk"))
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
    """One slice of load on one server."""
    if generator == "wrk":
        requests, errors, elapsed, rate, p99_ms = wrk_load(port, path, seconds)
        if not requests:
            raise ServerError(f"no request to {target} completed in {elapsed:g} s")
        return LoadResult(target, requests, errors, elapsed, rate, p99_ms)
    requests, errors, elapsed, latencies = python_load(port, path, seconds, expected_status)
    if not latencies:
        raise ServerError(f"no request to {target} completed in {seconds:g} s")
    p99_ms = percentile(latencies, 0.99) * 1e3
    return LoadResult(target, requests, errors, elapsed, requests / elapsed, p99_ms)


def _quiet(line: str) -> None:
    return None


def measure_servers(
    servers: Sequence[Served],
    scenario: str,
    path: str,
    expected_status: int,
    seconds: float,
    slices: int,
    generator: str,
    progress: Progress = _quiet,
    worker_class: str = "sync",
) -> list[ServedTarget]:
    """Start the servers together, check and warm up each, then load them in interleaved slices.

    :param seconds: the length of one slice (rounded up to whole seconds for wrk).
    :param slices: how many rounds of one slice per server.
    """
    if slices < 1:
        raise ValueError("slices must be at least 1")
    seconds = slice_seconds(seconds, generator)
    results = [ServedTarget(served.name, []) for served in servers]
    with _exit_on_sigterm(), gunicorns(servers, scenario, worker_class) as running:
        ports = [port for port, _ in running]
        groups = [group for _, group in running]
        for served, port in zip(servers, ports, strict=True):
            status = fetch_status(port, "GET", path)
            if status != expected_status:
                raise ServerError(
                    f"{scenario} served by {served.label} answered {status}, "
                    f"expected {expected_status}"
                )
        for port in ports:
            python_load(
                port, path, warm_up_seconds(seconds), expected_status, connections=WORKERS * 2
            )
        for round_index in range(slices):
            order = slice_order(len(servers), round_index)
            progress(
                f"{scenario}: round {round_index + 1} of {slices}: "
                + ", ".join(servers[index].label for index in order)
                + f", {seconds:g} s each"
            )
            for index in order:
                cpu_before = process_group_cpu_seconds(groups[index])
                piece = load(
                    servers[index].name, ports[index], path, seconds, expected_status, generator
                )
                cpu_after = process_group_cpu_seconds(groups[index])
                if cpu_before is not None and cpu_after is not None:
                    piece.cpu_seconds = cpu_after - cpu_before
                results[index].slices.append(piece)
    return results


def run_interleaved(
    first: Target,
    second: Target,
    scenarios: list[str],
    seconds: float,
    slices: int,
    generator: str,
    floor: bool = True,
    progress: Progress = _quiet,
    worker_class: str = "sync",
) -> list[ServerMeasurement]:
    """Serve each scenario on A, on B and (with ``floor``) as A's bare response; measure them.

    A scenario A cannot build is :class:`~conformance.bench.timing.ScenarioFailed`.
    """
    from conformance.bench import build

    measurements = []
    for name in scenarios:
        request = build(name, first)
        a_label, b_label = side_labels(first.name, second.name)
        servers = [Served(a_label, first.name), Served(b_label, second.name)]
        if floor:
            servers.append(Served(FLOOR, first.name, floor=True))
        progress(
            f"{name}: serving {', '.join(served.label for served in servers)}; "
            f"{slices} slice{'' if slices == 1 else 's'} of "
            f"{slice_seconds(seconds, generator):g} s each"
        )
        results = measure_servers(
            servers, name, request.path, request.expected_status, seconds, slices, generator,
            progress, worker_class,
        )  # fmt: skip
        measurements.append(ServerMeasurement(name, *results))
    return measurements
