"""The runner's bookkeeping of a child process, with scripted children instead of pytest.

A scripted child writes the JSONL records a real test process would (the
plugin's ``collected``, ``start`` and ``result`` lines) and then exits as told,
so each way a child can end is shown without a misbehaving target.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from conformance.runner import TargetProcess

SPECS = ["routing/test_a.py::test_one", "routing/test_a.py::test_two"]

#: A child that writes what ``plan[resume]`` says, then exits with its status.
CHILD = """
import json, sys
path, resume, plan = sys.argv[1], sys.argv[2] == "resume", json.loads(sys.argv[3])
step = plan["resume" if resume else "first"]
with open(path, "a", encoding="utf-8") as stream:
    for record in step["records"]:
        stream.write(json.dumps(record) + "\\n")
sys.exit(step["status"])
"""


def _collected() -> dict:
    return {"kind": "collected", "count": len(SPECS)}


def _start(spec: str) -> dict:
    return {"kind": "start", "id": spec, "target": "scripted"}


def _result(spec: str) -> dict:
    return {
        "kind": "result",
        "id": spec,
        "target": "scripted",
        "area": "routing",
        "outcome": "passed",
        "duration": 0.0,
        "message": "",
        "expected": None,
    }


class ScriptedProcess(TargetProcess):
    """A :class:`TargetProcess` whose child follows a plan instead of running pytest."""

    def __init__(self, workdir: Path, plan: dict) -> None:
        super().__init__("scripted", [], 10.0, None, workdir)
        self.plan = plan

    def command(self, resume: bool) -> list[str]:
        return [
            sys.executable, "-c", CHILD, str(self.results_path),
            "resume" if resume else "first", json.dumps(self.plan),
        ]  # fmt: skip


def _run(process: ScriptedProcess) -> ScriptedProcess:
    process.start()
    deadline = time.monotonic() + 60
    while not process.poll():
        assert time.monotonic() < deadline, "the scripted run did not finish"
        time.sleep(0.02)
    return process


def test_child_ending_normally_after_every_spec_is_done(tmp_path: Path) -> None:
    plan = {
        "first": {
            "records": [_collected(), _start(SPECS[0]), _result(SPECS[0]),
                        _start(SPECS[1]), _result(SPECS[1])],
            "status": 0,
        },
    }  # fmt: skip
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert [result.id for result in run.results] == SPECS
    assert run.incidents == []


def test_child_ending_between_specs_is_resumed(tmp_path: Path) -> None:
    plan = {
        "first": {"records": [_collected(), _start(SPECS[0]), _result(SPECS[0])], "status": 0},
        "resume": {"records": [_start(SPECS[1]), _result(SPECS[1])], "status": 0},
    }
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert [result.id for result in run.results] == SPECS
    assert run.incidents == ["the test process ended between specs after 1 of 2; resuming"]


def test_child_exiting_inside_a_spec_grades_it_error_and_resumes(tmp_path: Path) -> None:
    plan = {
        "first": {"records": [_collected(), _start(SPECS[0])], "status": 0},
        "resume": {"records": [_start(SPECS[1]), _result(SPECS[1])], "status": 0},
    }
    run = _run(ScriptedProcess(tmp_path, plan)).run
    outcomes = {result.id: result.outcome for result in run.results}
    assert outcomes == {SPECS[0]: "error", SPECS[1]: "passed"}
    assert run.incidents == [f"{SPECS[0]} ended the test process (exit status 0)"]


def test_incident_records_of_the_child_reach_the_run(tmp_path: Path) -> None:
    incident = {"kind": "incident", "what": "RuntimeError: late (finalizing x) escaped"}
    plan = {
        "first": {
            "records": [_collected(), _start(SPECS[0]), _result(SPECS[0]), incident,
                        _start(SPECS[1]), _result(SPECS[1])],
            "status": 0,
        },
    }  # fmt: skip
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert run.incidents == [incident["what"]]


def test_a_second_result_for_a_graded_spec_is_ignored(tmp_path: Path) -> None:
    plan = {
        "first": {
            "records": [_collected(), _start(SPECS[0]), _result(SPECS[0]),
                        _start(SPECS[0]), {**_result(SPECS[0]), "outcome": "failed"},
                        _start(SPECS[1]), _result(SPECS[1])],
            "status": 0,
        },
    }  # fmt: skip
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert [(result.id, result.outcome) for result in run.results] == [
        (SPECS[0], "passed"),
        (SPECS[1], "passed"),
    ]
    assert run.incidents == [f"{SPECS[0]} was graded twice; the first result stands"]


def test_records_of_another_process_are_ignored(tmp_path: Path) -> None:
    # A process the target started (a reloader re-running the command line)
    # writes to the same stream under its own pid.
    foreign = {**_result(SPECS[0]), "outcome": "failed", "pid": 1}
    plan = {
        "first": {
            "records": [_collected(), foreign, _start(SPECS[0]), _result(SPECS[0]),
                        _start(SPECS[1]), _result(SPECS[1])],
            "status": 0,
        },
    }  # fmt: skip
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert [result.outcome for result in run.results] == ["passed", "passed"]
    assert run.incidents == [
        "process 1, started by the target, wrote to the results stream; ignored"
    ]


def test_child_ending_before_its_first_spec_is_an_error_not_a_restart(tmp_path: Path) -> None:
    plan = {"first": {"records": [_collected()], "status": 0}}
    process = _run(ScriptedProcess(tmp_path, plan))
    assert process.restarts == 0
    assert process.run.error is not None
    assert process.run.error.startswith("target 'scripted' ended before its first spec: ")


def test_child_running_no_spec_is_an_error(tmp_path: Path) -> None:
    plan = {"first": {"records": [{"kind": "collected", "count": 0}], "status": 5}}
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert run.results == []
    assert run.error is not None
    assert run.error.startswith("target 'scripted' ran no specs: ")


def test_a_restart_asked_for_by_the_child_resumes_without_a_second_incident(
    tmp_path: Path,
) -> None:
    plan = {
        "first": {
            "records": [_collected(), _start(SPECS[0]), _result(SPECS[0]),
                        {"kind": "incident", "what": "left a server"}, {"kind": "restart"}],
            "status": 0,
        },
        "resume": {"records": [_start(SPECS[1]), _result(SPECS[1])], "status": 0},
    }  # fmt: skip
    run = _run(ScriptedProcess(tmp_path, plan)).run
    assert [result.id for result in run.results] == SPECS
    assert run.incidents == ["left a server"]
