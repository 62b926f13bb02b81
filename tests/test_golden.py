"""Golden traces: recorded on Flask, checked on impl with Flask hidden, and failed by a mutant."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conformance import golden
from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

#: Put on PYTHONPATH, this makes every ``import flask`` in the process (and in
#: the processes it starts, which inherit PYTHONPATH) fail, and notes the attempt.
HIDE_FLASK = '''
import os, sys

class HideFlask:
    """A finder refusing flask and its submodules, noting each attempt."""

    def find_spec(self, name, path=None, target=None):
        if name == "flask" or name.startswith("flask."):
            with open(os.environ["FLASK_IMPORT_ATTEMPTS"], "a") as attempts:
                attempts.write(name + "\\n")
            raise ImportError(f"flask is hidden in this test: {name}")
        return None

sys.meta_path.insert(0, HideFlask())
'''


def conformance(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY_DIR,
        env=env,
        timeout=120,
    )


def recorded_case_ids() -> set[str]:
    return {
        f"golden/{path.stem}.txt::{case}"
        for path in golden.GOLDEN_DIR.glob("*.txt")
        for case in golden.parse_file(path)
    }


def test_impl_matches_the_golden_traces_with_flask_hidden(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "sitecustomize.py").write_text(HIDE_FLASK)
    attempts = tmp_path / "attempts.txt"
    env = dict(os.environ, FLASK_IMPORT_ATTEMPTS=str(attempts))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hidden), env.get("PYTHONPATH")]))
    probe = subprocess.run(
        [sys.executable, "-c", "import flask"], capture_output=True, text=True, env=env
    )
    assert probe.returncode == 1 and "flask is hidden in this test" in probe.stderr
    attempts.unlink()

    report = tmp_path / "golden.json"
    completed = conformance("run", "--target", "impl", "--golden", "--json", str(report), env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert not attempts.exists(), attempts.read_text()  # nothing tried to import flask
    assert "impl: results match the expectations" in completed.stdout
    records = json.loads(report.read_text())["results"]
    assert {record["outcome"] for record in records} == {"passed"}
    assert {record["id"] for record in records} == recorded_case_ids()
    assert len(records) >= 50
    areas = {record["area"] for record in records}
    assert areas == {f"golden/{name}" for name in golden.app_modules()}
    assert {"golden/hooks", "golden/sessions", "golden/streaming"} <= areas


def test_a_mutant_fails_the_golden_check() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES_DIR), env.get("PYTHONPATH")]))
    completed = conformance(
        "run", "--target", "mutants.routing_no_strict_slash_redirect", "--golden", env=env
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    failed = [line.split()[1] for line in lines if line.strip().startswith("FAILED")]
    assert failed == [
        "golden/blueprints.txt::blueprint-prefix-without-slash-redirects",
        "golden/routing.txt::slash-rule-redirects-the-bare-url",
        "golden/routing.txt::bare-rule-with-a-slash-is-404",
    ]
    assert (
        "line 1: expected 'status 308 PERMANENT REDIRECT', got 'status 200 OK'" in completed.stdout
    )
    rows = {line.split()[0]: line.split()[1:4] for line in lines if line.startswith("golden/")}
    assert rows["golden/routing"] == ["16", "14", "2"]  # specs, passed, failed
    assert rows["golden/blueprints"] == ["8", "7", "1"]


def test_recording_on_flask_reproduces_the_committed_files(tmp_path: Path) -> None:
    """Recording is stable, and fixtures/golden/ is what the installed Flask does:
    after a Flask upgrade this fails, and re-recording shows what moved as a diff."""
    completed = conformance("record", "--target", "flask", "--output", str(tmp_path))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    recorded = sorted(path.name for path in tmp_path.iterdir())
    assert recorded == sorted(path.name for path in golden.GOLDEN_DIR.glob("*.txt"))
    for name in recorded:
        # The cases, not the header line naming the Flask version: a patch
        # release that changes nothing recorded leaves the files valid.
        fresh, committed = tmp_path / name, golden.GOLDEN_DIR / name
        assert golden.parse_file(fresh) == golden.parse_file(committed), name


def test_check_grades_each_case(tmp_path: Path) -> None:
    """A changed line fails its case with the first difference; a case that raises
    is an error; an app that fails to build errs on every case; unrecorded apps fail."""
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "tiny.py").write_text(
        textwrap.dedent(
            """
            def build(target):
                app = target.Flask("tiny")
                trace = app.extensions.setdefault("golden_trace", [])

                @app.route("/")
                def index():
                    trace.append("view index")
                    return "tiny"

                @app.route("/boom")
                def boom():
                    raise RuntimeError("boom")

                app.testing = True
                return app

            REQUESTS = [
                {"name": "index", "path": "/"},
                {"name": "boom", "path": "/boom"},
                {"name": "head", "method": "HEAD", "path": "/"},
            ]
            """
        )
    )
    (apps / "broken.py").write_text(
        "def build(target):\n    raise ValueError('no app')\n\n"
        "REQUESTS = [{'name': 'one', 'path': '/'}]\n"
    )
    (apps / "unrecorded.py").write_text((apps / "broken.py").read_text())
    (apps / "_helper.py").write_text("raise SystemExit('modules starting with _ are not apps')\n")
    files = tmp_path / "golden"
    files.mkdir()
    (files / "tiny.txt").write_text(
        "# a hand-made record\n\n== case index\nstatus 200 OK\n"
        'header Content-Length: 4\nheader Content-Type: text/html; charset=utf-8\nbody "tiny"\n'
        "trace view index\n\n== case boom\nstatus 500 INTERNAL SERVER ERROR\n\n"
        "== case head\nstatus 200 OK\nheader Content-Length: 4\n"
        "header Content-Type: text/plain\nbody (empty)\n"
    )
    (files / "broken.txt").write_text("== case one\nstatus 200 OK\n")
    version, results = golden.check("flask", files, apps)
    assert version.startswith("3.1")
    graded = {result.id: (result.outcome, result.message) for result in results}
    assert graded == {
        "golden/broken.txt::one": ("error", "build failed: ValueError: no app"),
        "golden/tiny.txt::index": ("passed", ""),
        "golden/tiny.txt::boom": ("error", "RuntimeError: boom"),
        "golden/tiny.txt::head": (
            "failed",
            "line 3: expected 'header Content-Type: text/plain', "
            "got 'header Content-Type: text/html; charset=utf-8'",
        ),
        "golden/unrecorded.txt::(file)": (
            "failed",
            f"no recorded file {files / 'unrecorded.txt'}: run conformance record",
        ),
    }


def test_signed_cookie_values_are_recorded_by_payload() -> None:
    # itsdangerous's layout: payload.timestamp.signature, a leading dot when zlib-compressed.
    assert golden.decode_signed_value("eyJhIjoxfQ.ZZZZZZ.c2ln") == '<signed {"a":1}>'
    compressed = ".eJyrVkpUsjKsBQAIKgIJ.ZZZZZZ.c2ln"
    assert golden.decode_signed_value(compressed) == '<signed {"a":1}>'
    assert golden.decode_signed_value("plain") == "<not a signed value: plain>"


def test_unknown_target_is_one_line_and_status_2() -> None:
    completed = conformance("run", "--target", "no_such_target_module", "--golden")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "unknown target 'no_such_target_module'" in completed.stderr
    completed = conformance("run", "--golden", "--area", "routing")
    assert (completed.returncode, completed.stderr.count("\n")) == (2, 1)
    assert "--golden checks the golden apps only: it takes no --area" in completed.stderr
