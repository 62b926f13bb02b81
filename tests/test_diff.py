"""``conformance diff``: two ``--json`` reports compared spec by spec and target by target."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.expectations import load_expectations
from conformance.paths import EXPECTATIONS_DIR, REPOSITORY_DIR

CONFORMANCE = (sys.executable, "-m", "conformance")
SUITE = {"name": "flask-conformance", "version": "0.1.0"}


def record(spec_id: str, outcome: str = "passed", message: str = "", target: str = "flask"):
    return {
        "id": spec_id,
        "target": target,
        "area": spec_id.split("/")[0],
        "outcome": outcome,
        "duration": 0.001,
        "message": message,
        "expected": None,
    }


def write(path: Path, records: list[dict], suite: dict = SUITE, version: str = "3.1.3") -> Path:
    targets = {name: {"version": version} for name in dict.fromkeys(r["target"] for r in records)}
    document = {"format": 2, "suite": suite, "targets": targets, "results": records}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def diff(capsys, *args: object) -> tuple[int, str, str]:
    try:
        status = main(["diff", *map(str, args)])
    except SystemExit as exit_:  # the commands end a failing run with sys.exit(1)
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def listed(output: str) -> dict[str, set[str]]:
    """The spec ids under each heading of the text output."""
    sections: dict[str, set[str]] = {}
    heading = None
    for line in output.splitlines():
        found = re.match(r"^(new failures|fixes|changed|added|removed) \(\d+\):$", line)
        if found:
            heading = found.group(1)
        elif heading and re.match(r"^  \S", line):
            sections.setdefault(heading, set()).add(line.strip())
        elif not line.startswith("  "):
            heading = None
    return sections


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    """An old and a new report with one change of every kind."""
    old = write(
        tmp_path / "old.json",
        [
            record("routing/test_a.py::test_kept"),
            record("routing/test_a.py::test_broken"),
            record("routing/test_a.py::test_mended", "failed", "assert 404 == 200"),
            record("sessions/test_b.py::test_reworded", "failed", "assert 1 == 2"),
            record("sessions/test_b.py::test_same_failure", "expected-failure", "assert 3 == 4"),
            record("sessions/test_b.py::test_dropped"),
        ],
        version="3.0.3",
    )
    new = write(
        tmp_path / "new.json",
        [
            record("routing/test_a.py::test_kept"),
            record("routing/test_a.py::test_broken", "error", "RuntimeError: boom"),
            record("routing/test_a.py::test_mended", "unexpected-pass"),
            record("sessions/test_b.py::test_reworded", "failed", "assert 1 == 3"),
            record("sessions/test_b.py::test_same_failure", "failed", "assert 3 == 4"),
            record("sessions/test_b.py::test_new", "failed", "not yet"),
        ],
    )
    return old, new


def test_each_kind_of_change_is_listed_under_its_area(capsys, reports) -> None:
    status, out, _ = diff(capsys, *reports)
    assert status == 1  # test_broken behaved before and fails now
    assert "target flask (3.0.3) -> flask (3.1.3): 5 specs in both runs" in out
    assert listed(out) == {
        "new failures": {"routing/test_a.py::test_broken"},
        "fixes": {"routing/test_a.py::test_mended"},
        "changed": {"sessions/test_b.py::test_reworded"},
        "added": {"sessions/test_b.py::test_new"},
        "removed": {"sessions/test_b.py::test_dropped"},
    }
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha()}
    assert rows["routing"] == ["1", "1", "0", "0", "0"]
    assert rows["sessions"] == ["0", "0", "1", "1", "1"]
    assert rows["total"] == ["1", "1", "1", "1", "1"]
    assert "      old: failed: assert 1 == 2\n      new: failed: assert 1 == 3" in out
    assert "      new: error: RuntimeError: boom" in out
    assert out.rstrip().endswith("1 new failures")


def test_no_new_failure_exits_0_and_markdown_is_written(capsys, reports, tmp_path) -> None:
    old, new = reports
    markdown = tmp_path / "diff.md"
    status, out, _ = diff(capsys, new, old, "--markdown", markdown)
    # Backwards, test_broken is a fix and test_mended the new failure.
    assert status == 1
    assert listed(out)["fixes"] == {"routing/test_a.py::test_broken"}
    status, out, _ = diff(capsys, old, old, "--markdown", markdown)
    assert status == 0
    assert "no changes" in out and out.rstrip().endswith("no new failures")
    status, _, _ = diff(capsys, old, new, "--markdown", markdown)
    text = markdown.read_text()
    assert text.startswith("### Conformance diff\n")
    assert "| area | new failures | fixes | changed | added | removed |" in text
    assert "| **total** | 1 | 1 | 1 | 1 | 1 |" in text
    assert "- `routing/test_a.py::test_broken`: passed → error: RuntimeError: boom" in text


def test_targets_of_different_names_are_paired_by_option(capsys, tmp_path) -> None:
    old = write(tmp_path / "old.json", [record("a/test_x.py::test_y", target="flask30")])
    new = write(tmp_path / "new.json", [record("a/test_x.py::test_y", "failed", "no")])
    status, _, err = diff(capsys, old, new)
    assert status == 2
    assert "share no target" in err and "--target-old" in err
    for pairing in (
        ["--target-old", "flask30", "--target-new", "flask"],
        ["--map", "flask30=flask"],
    ):
        status, out, _ = diff(capsys, old, new, *pairing)
        assert status == 1
        assert listed(out) == {"new failures": {"a/test_x.py::test_y"}}
    status, _, err = diff(capsys, old, new, "--target-old", "impl", "--target-new", "flask")
    assert (status, err.count("\n")) == (2, 1)
    assert "has no target 'impl' (it has flask30)" in err


def test_reports_of_different_suite_versions_are_refused_unless_forced(capsys, tmp_path) -> None:
    old = write(tmp_path / "old.json", [record("a/test_x.py::test_y")], suite={"version": "0.0.9"})
    new = write(tmp_path / "new.json", [record("a/test_x.py::test_y", "failed")])
    status, out, err = diff(capsys, old, new)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "different suites" in err and "--force" in err
    status, out, _ = diff(capsys, old, new, "--force")
    assert status == 1 and "new failures (1):" in out
    document = json.loads(new.read_text())
    document["format"] = 1
    new.write_text(json.dumps(document))
    status, _, err = diff(capsys, new, old)
    assert status == 2 and "different formats (1 and 2)" in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json at all", "not a conformance report (not JSON"),
        ("[1, 2]", "not a conformance report (no 'format' and 'results')"),
        ('{"format": 7, "results": []}', "report format 7 is not one this command reads"),
        ('{"format": 2, "results": [{"id": 1}]}', "result 1 is not a spec record"),
        ('{"format": 2, "results": {}}', "'results' is not a list"),
    ],
    ids=["text", "list", "future-format", "bad-record", "results-not-list"],
)
def test_a_file_that_is_not_a_report_is_one_line_and_status_2(
    capsys, tmp_path, content, fragment
) -> None:
    good = write(tmp_path / "good.json", [record("a/test_x.py::test_y")])
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    for order in ((good, bad), (bad, good)):
        status, out, err = diff(capsys, *order, "--force")
        assert (status, out) == (2, "")
        assert err.count("\n") == 1 and str(bad) in err and fragment in err
    status, _, err = diff(capsys, good, tmp_path / "missing.json")
    assert status == 2 and "cannot read it" in err


def test_flask_30_to_31_differences_are_listed_as_fixes(tmp_path: Path) -> None:
    """The known Flask 3.0 → 3.1 differences come out of the diff as fixes.

    CI has no Flask 3.0, so the old report is made from a real 3.1 run: each
    spec that ``fixtures/expectations/flask-3.0/flask.txt`` lists is flipped to
    ``failed`` (its message the file's reason), as a 3.0 run reports it. Two
    areas keep the run short; the comparison with a real 3.0 run is in the
    README. The target is renamed in the old report so the pairing is tested too.
    """
    new = tmp_path / "flask31.json"
    completed = subprocess.run(
        [*CONFORMANCE, "run", "--target", "flask", "--area", "static,streaming", "--json", new],
        capture_output=True,
        text=True,
        cwd=REPOSITORY_DIR,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    known = load_expectations("flask", EXPECTATIONS_DIR / "flask-3.0").reasons
    document = json.loads(new.read_text())
    ran = {result["id"] for result in document["results"]}
    flipped = {spec_id for spec_id in known if spec_id.split("/")[0] in ("static", "streaming")}
    assert len(flipped) == 7 and flipped <= ran
    for result in document["results"]:
        result["target"] = "flask30"
        if result["id"] in flipped:
            result.update(outcome="failed", message=known[result["id"]])
    document["targets"] = {"flask30": {"version": "3.0.3 (simulated)"}}
    old = tmp_path / "flask30.json"
    old.write_text(json.dumps(document))

    def run_diff(first: Path, second: Path, mapping: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*CONFORMANCE, "diff", first, second, "--map", mapping],
            capture_output=True,
            text=True,
            cwd=REPOSITORY_DIR,
            timeout=60,
        )

    forward = run_diff(old, new, "flask30=flask")
    assert forward.returncode == 0, forward.stderr
    assert listed(forward.stdout) == {"fixes": flipped}
    assert "target flask30 (3.0.3 (simulated)) -> flask (3.1" in forward.stdout
    backward = run_diff(new, old, "flask=flask30")
    assert backward.returncode == 1
    assert listed(backward.stdout) == {"new failures": flipped}
