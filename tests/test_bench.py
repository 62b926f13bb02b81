"""``conformance bench``: the command, its reports, and the scenarios' responses.

Nothing here asserts anything about timings: the tests check that the
command runs and reports, and that every scenario app answers the same bytes
on impl as on Flask (a bench that timed different behaviour would be
meaningless).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conformance.bench import SCENARIOS, SERVED_SCENARIOS
from conformance.bench.references import REFERENCES, expresses
from conformance.bench.references import build as build_reference
from conformance.bench.server import (
    LoadResult,
    ServedTarget,
    ServerMeasurement,
    parse_wrk,
    slice_order,
    slice_seconds,
)
from conformance.bench.timing import Reply, request_once, rotation
from conformance.paths import FIXTURES_DIR
from conformance.targets import load_target

from .test_cli import conformance, one_line_error

NUMBER = r"\d+(?:\.\d+)?"
INSTALL_WRK = FIXTURES_DIR / "bench" / "install-wrk.sh"


def table_row(stdout: str, scenario: str) -> list[str]:
    """The cells of a scenario's row in the printed table."""
    for line in stdout.splitlines():
        cells = line.split()
        if cells and cells[0] == scenario:
            return cells[1:]
    raise AssertionError(f"no row for {scenario!r} in:\n{stdout}")


def test_bench_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    completed = conformance(
        "bench", "--rounds", "1", "--requests", "20", "--scenario", "hello,json",
        "--references", "none", "--memory-requests", "0", "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"flask µs\s+impl µs\s+B/A", completed.stdout), completed.stdout
    for scenario in ("hello", "json"):
        cells = table_row(completed.stdout, scenario)
        assert len(cells) == 3 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells
    assert re.search(rf"median ratio B/A: {NUMBER}", completed.stdout)
    assert "params" not in completed.stdout

    document = json.loads(report.read_text())
    assert document["format"] == 2
    facts = document["facts"]
    assert {"python", "platform", "cpu_count", "date"} <= set(facts)
    assert facts["targets"]["a"] == {"name": "flask", "version": facts["targets"]["a"]["version"]}
    assert facts["targets"]["a"]["version"].startswith("3.1")
    assert facts["targets"]["b"]["name"] == "impl"
    assert document["mode"] == {"kind": "in-process", "rounds": 1, "references": []}
    assert [record["scenario"] for record in document["records"]] == ["hello", "json"]
    for record in document["records"]:
        assert record["requests_per_sample"] == 20
        assert record["a"]["target"] == "flask" and record["b"]["target"] == "impl"
        for side in (record["a"], record["b"]):
            assert len(side["samples_us"]) == 1
            assert side["median_us"] == side["samples_us"][0] > 0
        assert record["ratio"] > 0
    assert document["median_ratio"] > 0


def test_references_and_memory_are_reported(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    completed = conformance(
        "bench", "--rounds", "1", "--requests", "10", "--scenario", "hello,session",
        "--references", "bottle,falcon", "--memory-requests", "30", "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(
        r"flask µs\s+impl µs\s+B/A\s+bottle µs\s+falcon µs\s+B/bottle", completed.stdout
    ), completed.stdout
    assert re.search(r"references: bottle \S+, falcon \S+", completed.stdout)
    hello = table_row(completed.stdout, "hello")
    assert len(hello) == 6 and all(re.fullmatch(NUMBER, cell) for cell in hello), hello
    session = table_row(completed.stdout, "session")
    assert session[3:] == ["-", "-", "-"], session

    memory = completed.stdout.split("memory: RSS after 30 requests", 1)[1]
    assert re.search(r"flask MiB\s+impl MiB\s+flask KiB/req\s+impl KiB/req", memory), memory
    for scenario in ("hello", "session"):
        cells = table_row(memory, scenario)
        assert len(cells) == 4 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells

    document = json.loads(report.read_text())
    assert document["mode"] == {
        "kind": "in-process",
        "rounds": 1,
        "references": ["bottle", "falcon"],
        "memory_requests": 30,
    }
    hello_record, session_record = document["records"]
    assert set(hello_record["references"]) == {"bottle", "falcon"}
    assert hello_record["references"]["bottle"]["samples_us"][0] > 0
    assert session_record["references"] == {"bottle": None, "falcon": None}
    for record in document["records"]:
        for side in ("a", "b"):
            figures = record["memory"][side]
            assert figures["rss_bytes"] > 2**20 and figures["peak_bytes_per_request"] > 0
            assert "kept_bytes_per_request" in figures


def test_unknown_reference_is_one_line() -> None:
    line = one_line_error(conformance("bench", "--references", "bottle,nope"))
    assert "unknown reference 'nope'" in line and "known references: bottle, falcon" in line


def test_rounds_rotate_the_order_of_the_sides() -> None:
    assert [rotation(2, number) for number in range(3)] == [[0, 1], [1, 0], [0, 1]]
    assert [rotation(3, number) for number in range(3)] == [[0, 1, 2], [1, 2, 0], [2, 0, 1]]


@pytest.mark.parametrize(
    ("reference", "scenario"),
    [
        (reference, scenario)
        for reference in REFERENCES
        for scenario in SCENARIOS
        if expresses(reference, scenario)
    ],
)
def test_reference_answers_the_scenarios_request(reference: str, scenario: str) -> None:
    """A reference row times the same request, answered with the same status and body text."""
    on_flask = SCENARIOS[scenario].build(load_target("flask"))
    reply = request_once(build_reference(reference, scenario, on_flask))
    expected = request_once(on_flask)
    assert reply.status_code == on_flask.expected_status
    if scenario != "json":  # Bottle's and Falcon's JSON spacing differ from Flask's
        assert reply.body == expected.body


def test_unknown_scenario_is_one_line_listing_the_known_ones() -> None:
    line = one_line_error(conformance("bench", "--scenario", "hello,nope"))
    assert "unknown scenario 'nope'" in line
    assert "known scenarios: hello, params, json," in line


def test_server_refuses_a_scenario_it_does_not_serve() -> None:
    line = one_line_error(conformance("bench", "--server", "--scenario", "json"))
    assert "served scenarios: hello, params" in line


def test_unknown_target_is_one_line() -> None:
    line = one_line_error(conformance("bench", "--vs", "no_such_target_module"))
    assert "no_such_target_module" in line


def test_same_target_twice_shows_the_noise_floor() -> None:
    completed = conformance(
        "bench", "--target", "impl", "--vs", "impl", "--rounds", "2", "--requests", "10",
        "--scenario", "hello", "--memory-requests", "0",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"impl \(A\) µs\s+impl \(B\) µs\s+B/A", completed.stdout), completed.stdout
    cells = table_row(completed.stdout, "hello")
    assert all(re.fullmatch(NUMBER, cell) for cell in cells), cells


def test_server_mode_reports_both_targets_and_the_floor(tmp_path: Path) -> None:
    report = tmp_path / "served.json"
    completed = conformance(
        "bench", "--server", "--scenario", "hello", "--duration", "1", "--slices", "1",
        "--load-generator", "python", "--json", str(report), timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "python load generator" in completed.stdout
    assert "median of 1 slice of 1 s per server" in completed.stdout
    assert re.search(r"^floor: .+ceiling = floor/A", completed.stdout, re.M), completed.stdout
    assert re.search(
        r"flask req/s\s+impl req/s\s+B/A\s+floor req/s\s+ceiling\s+flask p99 ms", completed.stdout
    ), completed.stdout
    cells = table_row(completed.stdout, "hello")
    assert len(cells) == 8 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells
    assert all(float(cell) > 0 for cell in cells), cells

    document = json.loads(report.read_text())
    assert document["mode"] == {
        "kind": "server", "seconds": 1.0, "slices": 1, "floor": True, "load_generator": "python",
        "worker_class": "sync",
    }  # fmt: skip
    (record,) = document["records"]
    assert record["scenario"] == "hello"
    assert [record[side]["target"] for side in ("a", "b", "floor")] == ["flask", "impl", "floor"]
    for side in (record["a"], record["b"], record["floor"]):
        (piece,) = side["slices"]
        assert piece["requests"] > 0 and piece["requests_per_second"] > 0 and piece["p99_ms"] > 0
        assert side["requests_per_second"] == piece["requests_per_second"]
        assert side["errors"] == piece["errors"] == 0
    assert record["ceiling"] == pytest.approx(
        record["floor"]["requests_per_second"] / record["a"]["requests_per_second"], rel=1e-3
    )
    assert record["ratio"] > 0 and record["p99_ratio"] > 0


def test_server_mode_without_the_floor(tmp_path: Path) -> None:
    report = tmp_path / "served.json"
    completed = conformance(
        "bench", "--server", "--scenario", "params", "--duration", "1", "--slices", "1",
        "--no-floor", "--load-generator", "python", "--worker-class", "gthread",
        "--json", str(report), timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "2 gthread workers each of 4 threads" in completed.stdout
    assert "floor" not in completed.stdout and "ceiling" not in completed.stdout
    cells = table_row(completed.stdout, "params")
    assert len(cells) == 6 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells
    document = json.loads(report.read_text())
    assert document["mode"]["floor"] is False
    assert document["mode"]["worker_class"] == "gthread"
    (record,) = document["records"]
    assert "floor" not in record and "ceiling" not in record
    assert len(record["a"]["slices"]) == len(record["b"]["slices"]) == 1


def test_zero_slices_is_one_line() -> None:
    line = one_line_error(conformance("bench", "--server", "--slices", "0"))
    assert "--slices" in line


def test_slices_alternate_their_order_round_by_round() -> None:
    assert [slice_order(3, index) for index in range(4)] == [
        [0, 1, 2], [2, 1, 0], [0, 1, 2], [2, 1, 0],
    ]  # fmt: skip
    assert slice_order(1, 1) == [0]


def test_slice_length_is_whole_seconds_for_wrk_only() -> None:
    assert slice_seconds(2.0, "wrk") == 2.0
    assert slice_seconds(2.2, "wrk") == 3.0
    assert slice_seconds(0.3, "wrk") == 1.0
    assert slice_seconds(0.3, "python") == 0.3


def _slice(rate: float, p99_ms: float, errors: int = 0) -> LoadResult:
    return LoadResult("x", requests=100, errors=errors, seconds=1.0,
                      requests_per_second=rate, p99_ms=p99_ms)  # fmt: skip


def test_a_servers_figures_are_medians_over_its_slices() -> None:
    a = ServedTarget("flask", [_slice(1000, 9.0), _slice(3000, 2.0, errors=1), _slice(2000, 5.0)])
    b = ServedTarget("impl", [_slice(2500, 4.0, errors=2), _slice(3500, 3.0)])
    floor = ServedTarget("floor", [_slice(4000, 1.0)])
    assert (a.requests_per_second, a.p99_ms, a.errors, a.requests) == (2000, 5.0, 1, 300)
    assert (b.requests_per_second, b.p99_ms, b.errors) == (3000, 3.5, 2)
    measurement = ServerMeasurement("hello", a, b, floor)
    assert (measurement.ratio, measurement.p99_ratio, measurement.ceiling) == (1.5, 0.7, 2.0)
    record = measurement.as_record()
    assert record["ceiling"] == 2.0 and record["floor"]["target"] == "floor"
    assert [piece["requests_per_second"] for piece in record["a"]["slices"]] == [1000, 3000, 2000]
    without = ServerMeasurement("hello", a, b)
    assert without.ceiling is None
    assert "floor" not in without.as_record() and "ceiling" not in without.as_record()


@pytest.mark.parametrize("scenario", SERVED_SCENARIOS)
def test_the_floor_replays_the_apps_response_without_date(scenario: str) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_serve", FIXTURES_DIR / "bench" / "serve.py"
    )
    assert spec is not None and spec.loader is not None
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    prepared = SCENARIOS[scenario].build(load_target("flask"))
    expected = request_once(prepared)
    floor = dataclasses.replace(prepared, app=serve.floor_of(prepared))
    for _ in range(2):
        assert _comparable(request_once(floor)) == _comparable(expected)
    assert all(name.lower() != "date" for name, _ in request_once(floor).headers)


def test_install_wrk_does_nothing_when_wrk_is_there(tmp_path: Path) -> None:
    fake = tmp_path / "wrk"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    completed = _install_wrk(tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == completed.stderr == ""


def test_install_wrk_says_so_in_one_line_when_it_cannot(tmp_path: Path) -> None:
    completed = _install_wrk(tmp_path)  # no wrk, no apt-get on this PATH
    assert completed.returncode == 1
    (line,) = completed.stderr.splitlines()
    assert line.startswith("install-wrk: ") and "apt-get" in line


def _install_wrk(path: Path) -> subprocess.CompletedProcess:
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(
        [bash, str(INSTALL_WRK)], env={"PATH": str(path)}, capture_output=True, text=True,
        timeout=30, check=False,
    )  # fmt: skip


def _comparable(reply: Reply) -> tuple[str, list[tuple[str, str]], bytes]:
    headers = sorted((name, value) for name, value in reply.headers if name.lower() != "date")
    return reply.status, headers, reply.body


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_answers_the_same_bytes_on_impl_as_on_flask(scenario: str) -> None:
    flask, impl = load_target("flask"), load_target("impl")
    flask_app = SCENARIOS[scenario].build(flask)
    impl_app = SCENARIOS[scenario].build(impl)
    # A signed session cookie carries the second it was signed in: retry
    # until both requests fall within the same second.
    for _ in range(5):
        second = int(time.time())
        expected, actual = request_once(flask_app), request_once(impl_app)
        if int(time.time()) == second:
            break
    assert expected.status_code == flask_app.expected_status
    # The headers include Set-Cookie, so the session cookie must match byte for byte.
    assert _comparable(actual) == _comparable(expected)


WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.93ms  502.11us   9.87ms   80.12%
    Req/Sec     4.10k   210.33     4.52k    71.00%
  Latency Distribution
     50%    1.85ms
     75%    2.10ms
     90%    2.46ms
     99%    3.72ms
  40812 requests in 5.00s, 6.46MB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 2, write 0, timeout 0
Requests/sec:   8160.41
Transfer/sec:      1.29MB
"""


def test_wrk_output_is_read() -> None:
    requests, errors, seconds, rate, p99_ms = parse_wrk(WRK_OUTPUT)
    assert (requests, errors, seconds, rate, p99_ms) == (40812, 5, 5.0, 8160.41, 3.72)
    assert parse_wrk(WRK_OUTPUT.replace("3.72ms", "850.00us"))[4] == pytest.approx(0.85)
