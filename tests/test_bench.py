"""``conformance bench``: the command, its reports, and the scenarios' responses.

Nothing here asserts anything about timings: the tests check that the
command runs and reports, and that every scenario app answers the same bytes
on impl as on Flask (a bench that timed different behaviour would be
meaningless).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conformance.bench import SCENARIOS
from conformance.bench.server import parse_wrk
from conformance.bench.timing import Reply, request_once
from conformance.targets import load_target

from .test_cli import conformance, one_line_error

NUMBER = r"\d+(?:\.\d+)?"


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
        "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"flask µs\s+impl µs\s+B/A", completed.stdout), completed.stdout
    for scenario in ("hello", "json"):
        cells = table_row(completed.stdout, scenario)
        assert len(cells) == 3 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells
    assert re.search(rf"median ratio B/A: {NUMBER}", completed.stdout)
    assert "params" not in completed.stdout

    document = json.loads(report.read_text())
    assert document["format"] == 1
    facts = document["facts"]
    assert {"python", "platform", "cpu_count", "date"} <= set(facts)
    assert facts["targets"]["a"] == {"name": "flask", "version": facts["targets"]["a"]["version"]}
    assert facts["targets"]["a"]["version"].startswith("3.1")
    assert facts["targets"]["b"]["name"] == "impl"
    assert document["mode"] == {"kind": "in-process", "rounds": 1}
    assert [record["scenario"] for record in document["records"]] == ["hello", "json"]
    for record in document["records"]:
        assert record["requests_per_sample"] == 20
        assert record["a"]["target"] == "flask" and record["b"]["target"] == "impl"
        for side in (record["a"], record["b"]):
            assert len(side["samples_us"]) == 1
            assert side["median_us"] == side["samples_us"][0] > 0
        assert record["ratio"] > 0
    assert document["median_ratio"] > 0


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
        "--scenario", "hello",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"impl \(A\) µs\s+impl \(B\) µs\s+B/A", completed.stdout), completed.stdout
    cells = table_row(completed.stdout, "hello")
    assert all(re.fullmatch(NUMBER, cell) for cell in cells), cells


def test_server_mode_reports_both_targets() -> None:
    completed = conformance(
        "bench", "--server", "--scenario", "hello", "--duration", "1",
        "--load-generator", "python", timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "python load generator" in completed.stdout
    cells = table_row(completed.stdout, "hello")
    assert len(cells) == 6 and all(re.fullmatch(NUMBER, cell) for cell in cells), cells
    flask_rate, impl_rate = float(cells[0]), float(cells[1])
    assert flask_rate > 0 and impl_rate > 0


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
