"""``conformance matrix``: areas × targets in one table, and as Markdown."""

from __future__ import annotations

from pathlib import Path

from conformance.collect import count_specs
from conformance.report import render_matrix, render_matrix_markdown
from conformance.results import SpecResult

from .test_cli import conformance


def _result(target: str, area: str, outcome: str, number: int) -> SpecResult:
    return SpecResult(f"{area}/test_x.py::test_{number}", target, area, outcome, 0.0)


RESULTS = [
    _result("a", "json", "passed", 1),
    _result("a", "json", "passed", 2),
    _result("b", "json", "expected-failure", 1),
    _result("b", "json", "unsupported", 2),
    _result("a", "cli", "passed", 3),
    _result("b", "cli", "error", 3),
]


def test_each_cell_gives_passed_failed_unsupported_errors() -> None:
    lines = render_matrix(RESULTS, ["a", "b"], {"a": "1.0", "b": None})
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert rows["area"] == ["a", "1.0", "b"]
    assert rows["cli"] == ["1/0/0/0", "0/0/0/1"]
    assert rows["json"] == ["2/0/0/0", "0/1/1/0"]
    assert rows["total"] == ["3/0/0/0", "0/1/1/1"]
    assert rows["passed"] == ["100.0%", "0.0%"]


def test_markdown_matrix_is_a_table_with_a_row_per_area() -> None:
    lines = render_matrix_markdown(RESULTS, ["a", "b"])
    assert "| area | a | b |" in lines
    assert "| json | 2/0/0/0 | 0/1/1/0 |" in lines
    assert "| **passed** | 100.0% | 0.0% |" in lines


def test_matrix_runs_each_target_and_writes_markdown(tmp_path: Path) -> None:
    markdown = tmp_path / "matrix.md"
    completed = conformance(
        "matrix", "flask", "fakes.capabilities:Honest", "--area", "signals",
        "--markdown", str(markdown),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    table = markdown.read_text(encoding="utf-8")
    specs = count_specs()["signals"]
    assert f"| signals | {specs}/0/0/0 | 0/0/{specs}/0 |" in table
    assert "fakes.capabilities:Honest: results match the expectations" in completed.stdout


def test_matrix_needs_at_least_one_target() -> None:
    completed = conformance("matrix")
    assert completed.returncode == 2
    assert "Missing argument" in completed.stderr
