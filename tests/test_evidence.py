"""The evidence recorder, its renderings, and compare's side-by-side evidence of a disagreement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conformance.evidence import (
    BODY_LIMIT,
    SIGNAL_DETAILS,
    Recorder,
    RecordingClient,
    evidence_lines,
    side_by_side,
)
from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR
from conformance.results import read_jsonl
from conformance.targets import load_target

from .conftest import run_specs

TARGETS = ("flask", "impl")
SCHEMA = REPOSITORY_DIR / "conformance" / "schema" / "results.schema.json"

#: Every lifecycle line of one plain GET answered by the view ``hello``.
ONE_REQUEST_TRACE = [
    "signal appcontext_pushed sender=tiny",
    "signal request_started sender=tiny",
    "url_value_preprocessor endpoint=hello",
    "before_request endpoint=hello",
    "view hello",
    "after_request status=200",
    "signal request_finished sender=tiny status=200",
    "teardown_request exc=None",
    "signal request_tearing_down sender=tiny exc=None",
    "teardown_appcontext exc=None",
    "signal appcontext_tearing_down sender=tiny exc=None",
    "signal appcontext_popped sender=tiny",
]


def _recorded(target_name: str):
    """A tiny app of the target, its recorder listening, and a recording client."""
    target = load_target(target_name)
    app = target.make_app("tiny")
    app.config["TESTING"] = True
    recorder = Recorder(target)
    recorder.connect_signals()
    client = RecordingClient(target.make_client(app), app, recorder)
    return app, recorder, client


@pytest.mark.parametrize("target_name", TARGETS)
def test_recorder_shape_on_a_tiny_app(target_name: str) -> None:
    app, recorder, client = _recorded(target_name)

    @app.route("/hello")
    def hello():
        return "hello"

    assert client.get("/hello?x=1", headers={"X-Probe": "1"}).data == b"hello"
    assert client.post("/missing", data="abc").status_code == 404
    recorder.finish(keep=True)
    evidence = recorder.evidence()

    assert sorted(evidence) == ["exchanges", "trace", "truncated"]
    assert evidence["truncated"] is False
    first, second = evidence["exchanges"]
    assert first["request"] == {
        "method": "GET",
        "path": "/hello",
        "query": "x=1",
        "headers": [["User-Agent", first["request"]["headers"][0][1]], ["Host", "localhost"],
                    ["X-Probe", "1"]],
        "body_size": 0,
    }  # fmt: skip
    assert first["response"] == {
        "status": 200,
        "headers": [["Content-Type", "text/html; charset=utf-8"], ["Content-Length", "5"]],
        "body": "hello",
        "body_size": 5,
    }
    assert (second["request"]["method"], second["request"]["body_size"]) == ("POST", 3)
    assert second["response"]["status"] == 404
    assert "Not Found" in second["response"]["body"]
    assert evidence["trace"][:12] == ONE_REQUEST_TRACE
    assert evidence["trace"][14:17] == [
        "url_value_preprocessor endpoint=None",
        "before_request endpoint=None",
        "routing NotFound",
    ]
    _check_schema(evidence)


def _check_schema(evidence: dict) -> None:
    """The evidence matches the ``--json`` format's JSON Schema."""
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(evidence, {"$defs": document["$defs"], "$ref": "#/$defs/evidence"})


@pytest.mark.parametrize("target_name", TARGETS)
def test_recording_changes_nothing_a_spec_observes(target_name: str) -> None:
    signals = load_target(target_name).signals
    receivers_before = {name: len(getattr(signals, name).receivers) for name in SIGNAL_DETAILS}
    target = load_target(target_name)
    app, recorder, client = _recorded(target_name)
    calls: list[str] = []

    @app.before_request
    def first():
        calls.append("before")
        return "short-circuited"

    @app.after_request
    def stamp(response):
        calls.append("after")
        response.headers["X-Stamp"] = "1"
        return response

    @app.route("/")
    def index():
        calls.append("view")
        return "view"

    response = client.get("/")
    recorder.finish(keep=True)

    assert (response.data, response.headers["X-Stamp"], calls) == (
        b"short-circuited",
        "1",
        ["before", "after"],
    )
    # The spec's before_request answered: the recorder's, registered after it, never ran.
    assert not any(line.startswith(("before_request", "view")) for line in recorder.trace)
    assert isinstance(client, target.testing.FlaskClient)
    assert client.application is app
    receivers_after = {name: len(getattr(signals, name).receivers) for name in SIGNAL_DETAILS}
    assert receivers_after == receivers_before


def test_bodies_are_read_only_when_reading_runs_no_target_code() -> None:
    app, recorder, client = _recorded("flask")
    steps: list[str] = []

    @app.route("/stream")
    def stream():
        def generate():
            steps.append("first")
            yield "chunk"
            steps.append("second")
            yield "s"

        return generate()

    @app.route("/big")
    def big():
        return "x" * (BODY_LIMIT + 10)

    client.get("/stream")  # streamed, never read by the "spec"
    assert client.get("/stream").get_data() == b"chunks"  # read by it
    client.get("/big")
    recorder.finish(keep=True)
    unread, read, clipped = (exchange["response"] for exchange in recorder.evidence()["exchanges"])

    assert (unread["body"], unread["body_size"]) == ("", 0)
    assert recorder.evidence()["truncated"] is True  # that body was left out
    assert (read["body"], read["body_size"]) == ("chunks", 6)
    assert (len(clipped["body"]), clipped["body_size"]) == (BODY_LIMIT, BODY_LIMIT + 10)
    # Werkzeug's client takes the first chunk of each; only the one read went on.
    assert steps == ["first", "first", "second"]
    _check_schema(recorder.evidence())


def test_a_raising_client_call_keeps_the_request_and_the_exception() -> None:
    app, recorder, client = _recorded("flask")

    @app.route("/boom")
    def boom():
        return 1 / 0

    with pytest.raises(ZeroDivisionError):
        client.get("/boom?why=1")
    recorder.finish(keep=True)
    (exchange,) = recorder.evidence()["exchanges"]

    assert exchange["response"] is None
    assert (exchange["request"]["path"], exchange["request"]["query"]) == ("/boom", "why=1")
    assert ["Host", "localhost"] in exchange["request"]["headers"]
    assert recorder.evidence()["trace"][-3:] == [
        "signal appcontext_tearing_down sender=tiny exc=ZeroDivisionError",
        "signal appcontext_popped sender=tiny",
        "client raised ZeroDivisionError: division by zero",
    ]
    _check_schema(recorder.evidence())


EVIDENCE = {
    "exchanges": [
        {
            "request": {
                "method": "GET",
                "path": "/a",
                "query": "x=1",
                "headers": [["Host", "localhost"]],
                "body_size": 0,
            },
            "response": {
                "status": 308,
                "headers": [["Location", "http://localhost/a/"]],
                "body": "line one\nline two",
                "body_size": 17,
            },
        }
    ],
    "trace": ["before_request endpoint=None", "routing RequestRedirect"],
    "truncated": False,
}


def test_evidence_lines_render_one_line_per_field_and_event() -> None:
    assert evidence_lines(EVIDENCE) == [
        "request 1: GET /a?x=1",
        "request 1 header: Host: localhost",
        "request 1 body: 0 bytes",
        "response 1: 308",
        "response 1 header: Location: http://localhost/a/",
        "response 1 body, 17 bytes: line one\\nline two",
        "trace: before_request endpoint=None",
        "trace: routing RequestRedirect",
    ]
    assert evidence_lines(None) == ["no evidence recorded"]


def test_side_by_side_aligns_equal_lines_and_marks_the_rest() -> None:
    other = json.loads(json.dumps(EVIDENCE))
    other["exchanges"][0]["response"].update(status=200, headers=[], body="a", body_size=1)
    other["trace"] = ["before_request endpoint=a", "view a", "after_request status=200"]

    rows = side_by_side(EVIDENCE, other)

    assert rows[:3] == [(line, line, False) for line in evidence_lines(EVIDENCE)[:3]]
    assert rows[3] == ("response 1: 308", "response 1: 200", True)
    assert [row for row in rows if not row[2]] == rows[:3]
    assert [left for left, _, _ in rows if left] == evidence_lines(EVIDENCE)
    assert [right for _, right, _ in rows if right] == evidence_lines(other)


def _fixtures_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(FIXTURES_DIR), str(REPOSITORY_DIR), env.get("PYTHONPATH")])
    )
    return env


def test_compare_shows_both_sides_evidence_for_a_disagreement(tmp_path: Path) -> None:
    mutant = "mutants.views_head_without_get_fallback"
    report = tmp_path / "compare.json"
    completed = subprocess.run(
        [sys.executable, "-m", "conformance", "compare", "flask", mutant, "--area", "views",
         "--json", str(report)],
        capture_output=True, text=True, env=_fixtures_environment(), cwd=REPOSITORY_DIR,
        timeout=120,
    )  # fmt: skip

    assert completed.returncode == 1, completed.stderr
    assert f"evidence (flask | {mutant}; ≠ marks lines that differ):" in completed.stdout
    assert any(
        line.split() == ["≠", "response", "1:", "200", "|", "response", "1:", "405"]
        for line in completed.stdout.splitlines()
    ), completed.stdout
    records = json.loads(report.read_text(encoding="utf-8"))["results"]
    disagreeing = {r["id"] for r in records if r["target"] == mutant and r["outcome"] == "failed"}
    with_evidence = {(r["id"], r["target"]) for r in records if "evidence" in r}
    assert disagreeing
    assert with_evidence == {(spec, name) for spec in disagreeing for name in ("flask", mutant)}


@pytest.mark.parametrize(("mode", "kept_on"), [("failures", "failed"), ("off", None)])
def test_plugin_keeps_evidence_of_failures_only(tmp_path: Path, mode: str, kept_on) -> None:
    results = tmp_path / "results.jsonl"
    run_specs(
        "--target", "mutants.views_head_without_get_fallback", "--evidence", mode,
        "-k", "head", results=results, area="views",
    )  # fmt: skip
    graded = read_jsonl(results)

    assert {result.outcome for result in graded} == {"passed", "failed"}
    assert {result.outcome for result in graded if result.evidence is not None} == (
        {kept_on} if kept_on else set()
    )
