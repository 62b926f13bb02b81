"""The conformance command: tables, JSON, expectations, and misbehaving targets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.collect import count_specs
from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

PASSING_SPEC = "routing/test_rules.py::test_unknown_path_is_404"
HELLO_SPEC = "routing/test_rules.py::test_static_rule_matches_its_path"


def conformance(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(FIXTURES_DIR), str(REPOSITORY_DIR), env.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=REPOSITORY_DIR,
    )


def one_line_error(completed: subprocess.CompletedProcess) -> str:
    assert completed.returncode == 2, completed.stdout + completed.stderr
    lines = [line for line in completed.stderr.splitlines() if not line.startswith("running:")]
    assert len(lines) == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    return lines[0]


def test_list_shows_every_area_with_counts() -> None:
    completed = conformance("list")
    assert completed.returncode == 0
    names = [line.split()[0] for line in completed.stdout.splitlines()]
    assert {"routing", "lifecycle", "contexts", "sessions", "blueprints", "signals"} <= set(names)
    assert names[-1] == "total"


def test_run_on_flask_matches_and_writes_json(tmp_path: Path) -> None:
    report = tmp_path / "results.json"
    completed = conformance("run", "--target", "flask", "--area", "routing", "--json", str(report))
    assert completed.returncode == 0, completed.stdout
    assert "target flask (3.1" in completed.stdout
    assert "flask: results match the expectations" in completed.stdout
    document = json.loads(report.read_text())
    assert document["format"] == 2
    assert document["targets"]["flask"]["version"].startswith("3.1")
    records = document["results"]
    assert records and {record["area"] for record in records} == {"routing"}
    assert set(records[0]) == {"id", "target", "area", "outcome", "duration", "message", "expected"}
    assert {record["outcome"] for record in records} == {"passed"}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("run", "--target", "no_such_target_module"), "unknown target 'no_such_target_module'"),
        (("run", "--target", "fakes.import_error"), "RuntimeError: this fake target refuses"),
        (("run", "--target", "fakes.missing_dependency"), "ModuleNotFoundError"),
        (("run", "--target", "flask", "--area", "nowhere"), "unknown area 'nowhere'"),
        (("run", "--no-such-option"), "No such option"),
        (("compare", "flask"), "Missing argument"),
        (("run", "--spec-timeout", "soon"), "'soon' is not a valid float"),
    ],
    ids=["unknown", "raises", "missing-dependency", "area", "option", "argument", "value"],
)
def test_bad_input_is_one_line_and_status_2(args: tuple[str, ...], fragment: str) -> None:
    assert fragment in one_line_error(conformance(*args))


def test_target_hanging_on_import_is_reported(tmp_path: Path) -> None:
    completed = conformance("run", "--target", "fakes.hangs_on_import", "--spec-timeout", "1")
    assert "fakes.hangs_on_import" in one_line_error(completed)


def _results(report: Path) -> dict[str, dict]:
    return {record["id"]: record for record in json.loads(report.read_text())["results"]}


def test_crashing_target_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    report = tmp_path / "results.json"
    completed = conformance(
        "run", "--target", "fakes.crashes", "--area", "routing", "--json", str(report)
    )
    assert completed.returncode == 1
    results = _results(report)
    assert results[HELLO_SPEC]["outcome"] == "error"
    assert "SIGSEGV" in results[HELLO_SPEC]["message"]
    assert results[PASSING_SPEC]["outcome"] == "passed"
    assert "incident: fakes.crashes:" in completed.stdout


@pytest.fixture(scope="module")
def routing_specs() -> int:
    """How many specs the routing area holds, so that a run can be seen to lose none."""
    return count_specs()["routing"]


def test_target_exiting_like_a_finished_run_loses_no_spec(
    tmp_path: Path, routing_specs: int
) -> None:
    report = tmp_path / "results.json"
    completed = conformance(
        "run", "--target", "fakes.exits", "--area", "routing", "--json", str(report)
    )
    assert completed.returncode == 1
    results = _results(report)
    assert results[HELLO_SPEC]["outcome"] == "error"
    assert "ended the test process (exit status 1)" in results[HELLO_SPEC]["message"]
    assert results[PASSING_SPEC]["outcome"] == "passed"
    assert len(results) == routing_specs
    assert "incident: fakes.exits:" in completed.stdout


def test_exception_raised_in_a_finalizer_is_an_incident_not_a_failure(
    tmp_path: Path, routing_specs: int
) -> None:
    report = tmp_path / "results.json"
    completed = conformance(
        "run", "--target", "fakes.litters", "--area", "routing", "--json", str(report)
    )
    assert completed.returncode == 0
    results = _results(report)
    assert results[HELLO_SPEC]["outcome"] == "passed"
    assert len(results) == routing_specs
    (incident,) = json.loads(report.read_text())["targets"]["fakes.litters"]["incidents"]
    assert incident.startswith("RuntimeError: raised by a finalizer of fakes.litters")
    assert "test_static_rule_matches_its_path" in incident


@pytest.mark.parametrize("fake", ["hangs", "hangs_deaf"])
def test_hanging_spec_is_graded_timeout_and_the_run_goes_on(fake: str, tmp_path: Path) -> None:
    report = tmp_path / "results.json"
    completed = conformance(
        "run", "--target", f"fakes.{fake}", "--area", "routing", "--spec-timeout", "1",
        "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 1
    results = _results(report)
    assert results[HELLO_SPEC]["outcome"] == "timeout"
    assert results[PASSING_SPEC]["outcome"] == "passed"


def test_unexpected_pass_fails_the_run(tmp_path: Path) -> None:
    (tmp_path / "flask.txt").write_text(f"{PASSING_SPEC}  pretend it is broken\n")
    completed = conformance(
        "run", "--target", "flask", "--area", "routing", "--expectations", str(tmp_path)
    )
    assert completed.returncode == 1
    assert "UNEXPECTED PASS" in completed.stdout
    assert PASSING_SPEC in completed.stdout


def test_expected_failure_keeps_the_run_green(tmp_path: Path) -> None:
    (tmp_path / "fakes.crashes.txt").write_text(f"{HELLO_SPEC}  crashes on /hello by design\n")
    report = tmp_path / "results.json"
    completed = conformance(
        "run", "--target", "fakes.crashes", "--area", "routing", "--expectations", str(tmp_path),
        "--json", str(report),
    )  # fmt: skip
    # The crash is that spec's failure: listed, it keeps the run green, and the
    # incident still says what happened.
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert _results(report)[HELLO_SPEC]["outcome"] == "expected-failure"
    assert "incident: fakes.crashes:" in completed.stdout


def test_update_expectations_writes_failures_with_reasons(tmp_path: Path) -> None:
    completed = conformance(
        "run", "--target", "mutants.routing_no_strict_slash_redirect", "--area", "routing",
        "--expectations", str(tmp_path), "--update-expectations", "--reason", "mutant",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    written = (tmp_path / "mutants.routing_no_strict_slash_redirect.txt").read_text()
    entries = [line for line in written.splitlines() if not line.startswith("#")]
    assert entries and all(line.rstrip().endswith("mutant") for line in entries)
    again = conformance(
        "run", "--target", "mutants.routing_no_strict_slash_redirect", "--area", "routing",
        "--expectations", str(tmp_path),
    )  # fmt: skip
    assert again.returncode == 0, again.stdout


def test_compare_lists_disagreements_with_the_failing_reason(tmp_path: Path) -> None:
    report = tmp_path / "results.json"
    completed = conformance(
        "compare", "flask", "mutants.routing_no_strict_slash_redirect", "--area", "routing",
        "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 1
    header = completed.stdout.splitlines()[0]
    assert "flask (3.1" in header and "mutants.routing_no_strict_slash_redirect" in header
    assert "disagree on" in completed.stdout
    assert "mutants.routing_no_strict_slash_redirect: failed:" in completed.stdout
    targets = {record["target"] for record in json.loads(report.read_text())["results"]}
    assert targets == {"flask", "mutants.routing_no_strict_slash_redirect"}


def test_coverage_reports_statements_and_branches_of_the_target() -> None:
    completed = conformance("coverage", "--target", "flask", "--area", "signals", "--no-missing")
    assert completed.returncode == 0, completed.stderr
    rows = {line.split()[0]: line.split() for line in completed.stdout.splitlines() if line}
    assert rows["flask/signals.py"][3] == "100.0%"
    assert "TOTAL" in rows
    floor = conformance(
        "coverage", "--target", "flask", "--area", "signals", "--no-missing",
        "--fail-under-statements", "99.9",
    )  # fmt: skip
    assert floor.returncode == 1
    assert "coverage below the floor: statements" in floor.stderr
