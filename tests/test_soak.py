"""``conformance bench --soak``: the readings it reports and the leaks that fail it.

No assertion is made on memory figures themselves: the soak reports growth
for a person to read; what the tests pin down is that every reading is
there, on both targets, and that a left context or a grown set of file
descriptors turns the exit status to 1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .test_cli import conformance

MEBIBYTES = r"\d+\.\d"


def row(stdout: str, label: str) -> list[str]:
    """The cells after ``label`` in the soak table."""
    for line in stdout.splitlines():
        if line.startswith(label + " "):
            return line[len(label) :].split()
    raise AssertionError(f"no {label!r} row in:\n{stdout}")


def test_soak_reports_rss_every_tenth_on_both_targets(tmp_path: Path) -> None:
    report = tmp_path / "soak.json"
    completed = conformance("bench", "--soak", "--requests", "2000", "--json", str(report))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "2,000 requests per target" in completed.stdout
    assert re.search(r"flask \S+\s+impl \S+", completed.stdout), completed.stdout
    for label in ["warmed up", *(f"{tenth}0%" for tenth in range(1, 10)), "100%", "end (gc)"]:
        cells = row(completed.stdout, label)
        assert len(cells) == 2 and all(re.fullmatch(MEBIBYTES, cell) for cell in cells), label
    assert all(re.fullmatch(r"[+-]\d+\.\d", cell) for cell in row(completed.stdout, "growth"))
    assert row(completed.stdout, "contexts") == ["none", "left", "none", "left"]
    before_flask, _, after_flask, before_impl, _, after_impl = row(completed.stdout, "fds")
    assert (before_flask, before_impl) == (after_flask, after_impl)
    recorded = json.loads(report.read_text())
    assert [result["target"]["name"] for result in recorded["results"]] == ["flask", "impl"]
    for result in recorded["results"]:
        assert [point["percent"] for point in result["checkpoints"]] == list(range(10, 101, 10))
        assert result["checkpoints"][-1]["requests"] == 2000
        assert result["end"]["app_context_left"] is False


def test_soak_fails_when_a_context_is_left_and_descriptors_grow() -> None:
    completed = conformance("bench", "--soak", "--requests", "800", "--vs", "fakes.leaks")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert row(completed.stdout, "contexts") == ["none", "left", "left", "pushed"]
    assert "fakes.leaks: a context is still pushed after the soak" in completed.stdout
    assert re.search(
        r"fakes\.leaks: open file descriptors grew from (\d+) to \d+", completed.stdout
    )


def test_soak_reports_a_target_that_cannot_be_loaded_in_one_line() -> None:
    completed = conformance("bench", "--soak", "--requests", "200", "--vs", "no_such_target_here")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "soak failed: no_such_target_here:" in completed.stderr
    assert "Traceback" not in completed.stderr
