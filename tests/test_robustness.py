"""The harness against targets that misbehave the way real frameworks do: one that
starts the test process again, leaks a context, leaves a server or a process
running, or ends before its first spec. Each run is narrowed to the routing
specs of ``test_rules.py``, where the fakes' trigger spec lives."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

TRIGGER_SPEC = "routing/test_rules.py::test_static_rule_matches_its_path"
NARROW = "-k test_rules"


def conformance(*args: str, addopts: str = NARROW) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(FIXTURES_DIR), str(REPOSITORY_DIR), env.get("PYTHONPATH")])
    )
    env["PYTEST_ADDOPTS"] = addopts
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        capture_output=True, text=True, env=env, timeout=300, cwd=REPOSITORY_DIR,
    )  # fmt: skip


def _report(path: Path) -> tuple[list[dict], list[str]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    (facts,) = document["targets"].values()
    return document["results"], facts["incidents"]


def _run(fake: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, list[dict], list[str]]:
    report = tmp_path / "report.json"
    completed = conformance(
        "run", "--target", f"fakes.{fake}", "--area", "routing", "--spec-timeout", "5",
        "--json", str(report),
    )  # fmt: skip
    return completed, *_report(report)


def _error_line(completed: subprocess.CompletedProcess) -> str:
    assert completed.returncode == 2, completed.stdout + completed.stderr
    lines = [line for line in completed.stderr.splitlines() if not line.startswith("running:")]
    assert len(lines) == 1, completed.stderr
    return lines[0]


def test_a_target_starting_the_test_process_again_gets_no_second_run(tmp_path: Path) -> None:
    completed, results, _ = _run("reruns_pytest", tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    counts = Counter(result["id"] for result in results)
    assert counts and max(counts.values()) == 1
    assert {result["outcome"] for result in results} == {"passed"}


def test_a_leaked_context_fails_only_the_spec_that_leaked_it(tmp_path: Path) -> None:
    completed, results, _ = _run("leaks_context", tmp_path)
    assert completed.returncode == 1
    failing = {result["id"]: result for result in results if result["outcome"] != "passed"}
    assert list(failing) == [TRIGGER_SPEC]
    assert "left an application or request context pushed" in failing[TRIGGER_SPEC]["message"]
    assert len(results) > 1


def test_a_server_left_listening_restarts_the_test_process_and_frees_the_port(
    tmp_path: Path,
) -> None:
    completed, results, incidents = _run("serves_forever", tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert {result["outcome"] for result in results} == {"passed"}
    assert len({result["id"] for result in results}) == len(results) > 1
    (incident,) = incidents
    assert incident == (
        f"{TRIGGER_SPEC} left a server listening on 127.0.0.1:47213; "
        "the test process restarts to free it"
    )
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", 47213))


def test_a_process_left_running_is_killed_and_named(tmp_path: Path) -> None:
    completed, results, incidents = _run("spawns_server", tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert {result["outcome"] for result in results} == {"passed"}
    left = [incident for incident in incidents if "process(es) running" in incident]
    assert len(left) == 1
    assert left[0].startswith(f"{TRIGGER_SPEC} left 1 process(es) running (pid ")
    pid = int(left[0].split("(pid ")[1].split(")")[0])
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()


def test_a_target_ending_the_process_before_the_first_spec_is_an_error() -> None:
    completed = conformance("run", "--target", "fakes.exits_on_import", "--area", "routing")
    assert _error_line(completed) == (
        "conformance: error: target 'fakes.exits_on_import' ended before its first spec: "
        "the test process wrote nothing"
    )


def test_a_run_that_selects_no_spec_is_an_error() -> None:
    completed = conformance(
        "run", "--target", "flask", "--area", "routing", addopts="-k no_spec_has_this_name"
    )
    line = _error_line(completed)
    assert line.startswith("conformance: error: target 'flask' ran no specs: ")
    assert "deselected" in line


def test_a_failed_start_names_the_cause() -> None:
    completed = conformance("run", "--target", "flask", "--area", "routing", addopts="--bogus")
    assert _error_line(completed) == "conformance: error: unrecognized arguments: --bogus"


def test_a_relative_expectations_folder_is_found_from_the_callers_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "flask.txt").write_text(f"{TRIGGER_SPEC}  pretend it is broken\n")
    env = dict(os.environ, PYTEST_ADDOPTS=NARROW)
    completed = subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--target", "flask", "--area", "routing",
         "--expectations", "mine"],
        capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    # The listed spec passes, so it is an unexpected pass: the file was read.
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert f"UNEXPECTED PASS {TRIGGER_SPEC}" in completed.stdout


def test_a_listed_spec_that_leaks_a_context_is_an_expected_failure(tmp_path: Path) -> None:
    # The body passes; the check that no context is left pushed fails in the
    # spec's teardown: the target does not behave, as its expectations say.
    (tmp_path / "fakes.leaks_context.txt").write_text(f"{TRIGGER_SPEC}  leaks a context\n")
    report = tmp_path / "report.json"
    completed = conformance(
        "run", "--target", "fakes.leaks_context", "--area", "routing",
        "--expectations", str(tmp_path), "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results, _ = _report(report)
    (leaker,) = [result for result in results if result["id"] == TRIGGER_SPEC]
    assert leaker["outcome"] == "expected-failure"
    assert "left an application or request context pushed" in leaker["message"]


def test_a_listed_spec_that_crashes_the_process_is_an_expected_failure(tmp_path: Path) -> None:
    (tmp_path / "fakes.crashes.txt").write_text(f"{TRIGGER_SPEC}  dies on /hello\n")
    report = tmp_path / "report.json"
    completed = conformance(
        "run", "--target", "fakes.crashes", "--area", "routing",
        "--expectations", str(tmp_path), "--json", str(report),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results, incidents = _report(report)
    (crasher,) = [result for result in results if result["id"] == TRIGGER_SPEC]
    assert crasher["outcome"] == "expected-failure"
    assert crasher["expected"] == "dies on /hello"
    assert "SIGSEGV" in crasher["message"]
    assert any("SIGSEGV" in incident for incident in incidents)
