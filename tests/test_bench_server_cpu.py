"""``conformance bench --server`` reports what serving cost each server in CPU time.

Requests per second swing with whatever else the machine runs; the CPU time
a gunicorn's processes spend per request hardly does. The bench reads it from
``/proc`` for each server's process group around every slice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conformance.bench.report import _server_cpu_lines
from conformance.bench.server import (
    LoadResult,
    ServedTarget,
    ServerMeasurement,
    process_group_cpu_seconds,
)


def _slice(requests: int, cpu_seconds: float | None) -> LoadResult:
    return LoadResult("x", requests, 0, 1.0, float(requests), 1.0, cpu_seconds)


def test_cpu_per_request_is_the_median_over_the_slices() -> None:
    side = ServedTarget("impl", [_slice(1000, 0.2), _slice(1000, 0.3), _slice(2000, 0.2)])
    assert side.cpu_us_per_request == pytest.approx(200.0)
    assert side.as_record()["cpu_us_per_request"] == 200.0
    assert side.as_record()["slices"][0]["cpu_seconds"] == 0.2


def test_without_cpu_figures_nothing_is_claimed() -> None:
    a = ServedTarget("flask", [_slice(1000, None)])
    b = ServedTarget("impl", [_slice(1000, 0.1)])
    assert a.cpu_us_per_request is None
    assert "cpu_us_per_request" not in a.as_record()
    assert "cpu_seconds" not in a.as_record()["slices"][0]
    assert _server_cpu_lines([ServerMeasurement("hello", a, b)]) == []


def test_cpu_line_names_every_server() -> None:
    a = ServedTarget("flask", [_slice(1000, 0.3)])
    b = ServedTarget("impl", [_slice(1000, 0.2)])
    floor = ServedTarget("floor", [_slice(1000, 0.15)])
    lines = _server_cpu_lines([ServerMeasurement("params", a, b, floor)])
    assert lines == [
        "",
        "server CPU per request, params: flask 300 µs, impl 200 µs, floor 150 µs"
        " (median of slices; master and workers)",
    ]


def test_a_process_groups_cpu_time_is_read_from_proc() -> None:
    if not os.path.isdir("/proc"):
        assert process_group_cpu_seconds(os.getpgrp()) is None
        return
    # A child leading a group of its own, spinning for a while: its group's
    # CPU time grows, and counts it alone.
    spinner = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.process_time() + 0.3\n"
         "while time.process_time() < end: pass\ntime.sleep(30)"],
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        used = process_group_cpu_seconds(spinner.pid)
        while (used or 0.0) < 0.25 and time.monotonic() < deadline:
            time.sleep(0.05)
            used = process_group_cpu_seconds(spinner.pid)
        assert used is not None and 0.25 <= used < 5.0
    finally:
        spinner.kill()
        spinner.wait()
    assert process_group_cpu_seconds(spinner.pid) == 0.0  # no process left in the group
