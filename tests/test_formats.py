"""The report formats (conformance/formats) and the JSON Schema of ``--json``.

Most checks render hand-made records: every outcome appears, and nothing needs
a run. Three small real runs (compare, run, matrix on the views area) prove the
command writes each format from the same records as its JSON.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from conformance.formats import markdown as markdown_format
from conformance.formats import write_formats
from conformance.formats.badge import badge, badge_paths
from conformance.formats.html import render as render_html
from conformance.formats.junit import render as render_junit
from conformance.results import OUTCOMES, SpecResult, write_report
from tests.test_cli import conformance

SCHEMA_PATH = Path(__file__).parents[1] / "conformance" / "schema" / "results.schema.json"
MUTANT = "mutants.views_decorators_reversed"
MUTANT_FAILURE = "views/test_decorators.py::test_first_decorator_in_the_list_is_innermost"


def evidence(status: int, last_event: str, body: str = "<p>hi</p>") -> dict:
    return {
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
                    "status": status,
                    "headers": [["Content-Type", "text/html; charset=utf-8"]],
                    "body": body,
                    "body_size": len(body),
                },
            }
        ],
        "trace": ["before_request", last_event],
        "truncated": False,
    }


TARGETS = {
    "flask": {"version": "3.1.3", "error": None, "incidents": []},
    "other": {"version": "9.9", "error": None, "incidents": ["crash in routing/test_c.py"]},
}
SHOWN = "routing/test_a.py::test_shown"
RESULTS = [
    SpecResult(SHOWN, "flask", "routing", "passed", 0.5, evidence=evidence(200, "view a")),
    SpecResult(
        SHOWN,
        "other",
        "routing",
        "failed",
        0.25,
        "<script>alert(1)</script>\x00",
        evidence=evidence(404, "teardown_request exc=NotFound"),
    ),
    SpecResult("routing/test_a.py::test_b", "flask", "routing", "passed", 0.1),
    SpecResult("routing/test_a.py::test_b", "other", "routing", "error", 0.1, "fixture raised"),
    SpecResult("routing/test_a.py::test_c", "flask", "routing", "passed", 0.1),
    SpecResult("routing/test_a.py::test_c", "other", "routing", "timeout", 10.0, "stopped"),
    SpecResult("views/test_v.py::test_d[x]", "flask", "views", "passed", 0.1),
    SpecResult(
        "views/test_v.py::test_d[x]",
        "other",
        "views",
        "expected-failure",
        0.1,
        "boom",
        expected="other lacks d",
        evidence=evidence(500, "view d"),
    ),
    SpecResult("views/test_v.py::test_e", "flask", "views", "passed", 0.1),
    SpecResult(
        "views/test_v.py::test_e",
        "other",
        "views",
        "unexpected-pass",
        0.1,
        expected="other lacked e",
    ),
    SpecResult("views/test_v.py::test_f", "flask", "views", "passed", 0.1),
    SpecResult("views/test_v.py::test_f", "other", "views", "unsupported", 0.0, "no async"),
    SpecResult("views/test_v.py::test_g", "flask", "views", "passed", 0.1),
    SpecResult("views/test_v.py::test_g", "other", "views", "skipped", 0.0, "needs a server"),
]


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_records_cover_every_outcome() -> None:
    assert {result.outcome for result in RESULTS} == set(OUTCOMES)


def test_junit_counts_each_outcome_under_its_element() -> None:
    root = ElementTree.fromstring(render_junit(TARGETS, RESULTS).encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["flask", "other"]
    counts = {key: suites["other"].get(key) for key in ("tests", "failures", "errors", "skipped")}
    assert counts == {"tests": "7", "failures": "2", "errors": "2", "skipped": "3"}
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("14", "2", "3")
    assert suites["flask"].get("failures") == "0" and suites["flask"].get("time") == "1.100000"
    cases = {case.get("name"): case for case in suites["other"].iter("testcase")}
    assert cases[SHOWN].get("classname") == "routing" and cases[SHOWN].get("time") == "0.250000"
    failure = cases[SHOWN].find("failure")
    assert failure.get("message") == "<script>alert(1)</script>\ufffd"
    assert "response 1: 404" in failure.text  # the evidence goes with the failure
    assert cases["routing/test_a.py::test_c"].find("error").get("type") == "timeout"
    expected = cases["views/test_v.py::test_d[x]"].find("skipped")
    assert expected.get("message") == "expected failure: other lacks d"
    passing_anyway = cases["views/test_v.py::test_e"].find("failure")
    assert passing_anyway.get("message").endswith("as failing: other lacked e")
    assert suites["other"].find("system-err").text == "incident: crash in routing/test_c.py"
    properties = {p.get("name"): p.get("value") for p in suites["flask"].iter("property")}
    assert properties["target.version"] == "3.1.3"


def test_markdown_has_each_targets_table_and_its_unexpected_results() -> None:
    text = markdown_format.render(TARGETS, RESULTS)
    assert "### other (9.9)" in text
    assert "| routing | 3 | 0 | 1 | 0 | 2 | 0 |" in text
    assert "| views | 4 | 1 | 0 | 1 | 0 | 1 |" in text
    assert "| **total** | 7 | 1 | 1 | 1 | 2 | 1 |" in text
    assert "1 of 7 specs behave as specified; 4 unexpected results." in text
    assert f"- **FAILED** `{SHOWN}`: `<script>alert(1)</script>`" in text
    assert "- **UNEXPECTED PASS** `views/test_v.py::test_e`" in text
    assert "results match the expectations" in text  # flask's verdict
    assert "- `crash in routing/test_c.py`" in text


def test_markdown_caps_long_lists_and_says_how_many_were_left_out() -> None:
    many = [
        SpecResult(f"routing/test_x.py::test_{n}", "t", "routing", "failed", 0.0, "`x` " * 100)
        for n in range(markdown_format.MAX_LISTED + 7)
    ]
    text = markdown_format.render({"t": {"version": None, "error": None, "incidents": []}}, many)
    assert text.count("- **FAILED**") == markdown_format.MAX_LISTED
    assert "- … and 7 more, not shown here" in text
    longest = max(len(line) for line in text.splitlines())
    assert longest < markdown_format.MAX_MESSAGE + 100
    assert "``" not in text  # a backtick in a message never closes the code span


def test_html_escapes_every_value_and_fetches_nothing() -> None:
    page = render_html(TARGETS, RESULTS)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\ufffd" in page
    assert page.count("<script>") == 1  # the page's own
    for fetch in ("src=", "http://", "https://", "@import", "url("):
        assert fetch not in page
    assert page.count("<tr data-outcome=") == len(RESULTS)
    rows = re.findall(r'<tr data-outcome="[^"]*" data-area="[^"]*" data-target="([^"]*)"', page)
    assert rows == ["flask", "other"] * (len(RESULTS) // 2)  # a spec's records together


def test_html_summary_colours_areas_by_their_tally() -> None:
    page = render_html(TARGETS, RESULTS)
    assert (
        '<td class="good"><a href="#results" class="pick" data-area="views" data-target="flask">4/4</a>'
        in page
    )
    assert (
        'data-area="views" data-target="other">1/4</a><small>1 expected · 1 unsupported</small>'
        in page
    )
    assert (
        '<td class="bad"><a href="#results" class="pick" data-area="routing" data-target="other">'
        in page
    )
    known = [result for result in RESULTS if result.outcome in ("passed", "expected-failure")]
    assert '<td class="known">' in render_html(TARGETS, known)


def test_html_shows_two_targets_evidence_side_by_side_with_differences_marked() -> None:
    page = render_html(TARGETS, RESULTS)
    panel = page.split(f'<details data-spec="{SHOWN}" data-target="other">')[1].split("</details>")[
        0
    ]
    assert "<th>flask (3.1.3): passed</th><th>other (9.9): failed</th>" in panel
    assert (
        '<tr class=differs><td class="mark">≠</td><td>response 1: 200</td>'
        "<td>response 1: 404</td></tr>"
    ) in panel
    assert (
        '<td class="mark"></td><td>request 1: GET /a?x=1</td><td>request 1: GET /a?x=1</td>'
        in panel
    )
    assert "&lt;p&gt;hi&lt;/p&gt;" in panel
    assert 'href="#expand=routing%2Ftest_a.py%3A%3Atest_shown"' in panel
    alone = page.split('data-spec="views/test_v.py::test_d[x]" data-target="other">')[1]
    assert alone.index('<pre class="evidence">request 1: GET /a?x=1') < alone.index("</details>")
    assert "expectations file: other lacks d" in alone
    unsupported = page.split('data-spec="views/test_v.py::test_f" data-target="other">')[1]
    assert unsupported.index("no evidence recorded") < unsupported.index("</details>")


@pytest.mark.parametrize(
    ("outcomes", "message", "color"),
    [
        (["passed", "unexpected-pass"], "2/2", "red"),
        (["passed", "passed"], "2/2", "brightgreen"),
        (["passed", "expected-failure"], "1/2", "yellow"),
        (["passed", "unsupported"], "1/2", "yellow"),
        (["passed", "timeout"], "1/2", "red"),
    ],
)
def test_badge_message_counts_behaving_specs_and_colour_follows_expectations(
    outcomes: list[str], message: str, color: str
) -> None:
    results = [SpecResult(f"a/t.py::test_{n}", "t", "a", o, 0.0) for n, o in enumerate(outcomes)]
    document = badge(results)
    assert document == {
        "schemaVersion": 1,
        "label": "flask conformance",
        "message": message,
        "color": color,
    }


def test_badge_goes_to_the_path_for_one_target_and_per_target_names_for_several() -> None:
    path = Path("out/badge.json")
    assert badge_paths(path, ["impl"]) == {"impl": path}
    assert badge_paths(path, ["flask", "fakes.capabilities:Honest"]) == {
        "flask": Path("out/badge.flask.json"),
        "fakes.capabilities:Honest": Path("out/badge.fakes.capabilities_Honest.json"),
    }


def test_schema_names_every_outcome_and_every_record_field() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    record = schema["$defs"]["result"]
    assert record["properties"]["outcome"]["enum"] == list(OUTCOMES)
    fields = [field.name for field in dataclasses.fields(SpecResult)]
    assert list(record["properties"]) == fields
    assert set(record["required"]) == set(fields) - {"evidence"}


def test_schema_accepts_records_with_evidence_and_refuses_unknown_outcomes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "results.json"
    write_report(path, TARGETS, RESULTS)
    document = json.loads(path.read_text(encoding="utf-8"))
    validator = schema_validator()
    validator.validate(document)
    document["results"][0]["outcome"] = "passed-ish"
    errors = list(validator.iter_errors(document))
    assert len(errors) == 1 and errors[0].path[-1] == "outcome"


def test_write_formats_writes_only_the_formats_given_a_path(tmp_path: Path) -> None:
    lines = write_formats(TARGETS, RESULTS, html=tmp_path / "r.html")
    assert lines == [f"wrote the HTML report to {tmp_path / 'r.html'}"]
    assert [path.name for path in tmp_path.iterdir()] == ["r.html"]


# Real runs: the command writes every format from the records its JSON holds.


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("compared")
    completed = conformance(
        "compare", "flask", MUTANT, "--area", "views", "--json", str(directory / "r.json"),
        "--junit", str(directory / "r.xml"), "--markdown", str(directory / "r.md"),
        "--html", str(directory / "r.html"), "--badge", str(directory / "badge.json"),
    )  # fmt: skip
    assert completed.returncode == 1, completed.stdout + completed.stderr
    return directory


def test_a_real_runs_json_matches_the_schema(compared: Path) -> None:
    document = json.loads((compared / "r.json").read_text(encoding="utf-8"))
    schema_validator().validate(document)
    assert list(document["targets"]) == ["flask", MUTANT]


def test_compare_writes_every_format_from_its_records(compared: Path) -> None:
    records = json.loads((compared / "r.json").read_text(encoding="utf-8"))["results"]
    per_target = len(records) // 2
    root = ElementTree.parse(compared / "r.xml").getroot()
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert suites["flask"].get("tests") == str(per_target)
    assert suites["flask"].get("failures") == "0"
    assert suites[MUTANT].get("failures") == "1"
    (failure,) = [
        case for case in suites[MUTANT].iter("testcase") if case.find("failure") is not None
    ]
    assert failure.get("name") == MUTANT_FAILURE and failure.get("classname") == "views"
    summary = (compared / "r.md").read_text(encoding="utf-8")
    assert f"| views | {per_target} | {per_target - 1} | 1 | 0 | 0 | 0 |" in summary
    assert f"- **FAILED** `{MUTANT_FAILURE}`: `AssertionError:" in summary
    page = (compared / "r.html").read_text(encoding="utf-8")
    assert page.count("<tr data-outcome=") == len(records)
    panel = page.split(f'<details data-spec="{MUTANT_FAILURE}" data-target="{MUTANT}">')[1]
    panel = panel.split("</details>")[0]
    # compare keeps both targets' evidence of a disagreement: shown side by side.
    assert f"): passed</th><th>{MUTANT}: failed</th>" in panel
    assert panel.count("<tr class=differs>") >= 1
    flask_badge = json.loads((compared / "badge.flask.json").read_text(encoding="utf-8"))
    assert flask_badge["message"] == f"{per_target}/{per_target}"
    mutant_badge = json.loads((compared / f"badge.{MUTANT}.json").read_text(encoding="utf-8"))
    assert (mutant_badge["message"], mutant_badge["color"]) == (
        f"{per_target - 1}/{per_target}",
        "red",
    )


def test_run_writes_one_badge_at_the_given_path(tmp_path: Path) -> None:
    completed = conformance(
        "run", "--target", "flask", "--area", "views", "--badge", str(tmp_path / "b.json"),
        "--junit", str(tmp_path / "r.xml"),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert [path.name for path in sorted(tmp_path.iterdir())] == ["b.json", "r.xml"]
    assert json.loads((tmp_path / "b.json").read_text())["color"] == "brightgreen"
    assert ElementTree.parse(tmp_path / "r.xml").getroot().get("failures") == "0"


def test_matrix_keeps_markdown_for_its_table_and_writes_the_other_formats(tmp_path: Path) -> None:
    completed = conformance(
        "matrix", "flask", "--area", "views", "--markdown", str(tmp_path / "m.md"),
        "--html", str(tmp_path / "r.html"), "--junit", str(tmp_path / "r.xml"),
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (tmp_path / "m.md").read_text(encoding="utf-8").startswith("### Conformance matrix")
    assert "<!DOCTYPE html>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert ElementTree.parse(tmp_path / "r.xml").getroot().find("testsuite").get("name") == "flask"
