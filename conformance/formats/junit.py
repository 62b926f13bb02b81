"""JUnit XML: one ``<testsuite>`` per target, one ``<testcase>`` per spec.

CI tools (GitHub and GitLab test reports, Jenkins, Azure) read this dialect.
How the outcomes map:

- ``passed``: a bare ``<testcase>``.
- ``failed`` and ``unexpected-pass``: ``<failure>``; both disagree with the
  target's expectations file, so both fail the run.
- ``error`` and ``timeout``: ``<error>`` (``type`` names which).
- ``unsupported`` and ``skipped``: ``<skipped>``.
- ``expected-failure``: ``<skipped>`` whose message starts ``expected failure:``
  and gives the expectations file's reason. Not a pass: the target does not show
  the behaviour, and a CI tool listing it green would say otherwise; not a
  failure: the run agrees with the expectations and exits 0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from conformance.evidence import evidence_lines
from conformance.formats import clean_text, ordered_targets
from conformance.results import (
    ERROR,
    EXPECTED_FAILURE,
    FAILED,
    SKIPPED,
    TIMEOUT,
    UNEXPECTED_PASS,
    UNSUPPORTED,
    SpecResult,
    suite_facts,
)

#: The JUnit element each outcome becomes (passed: none).
ELEMENTS = {
    FAILED: "failure",
    UNEXPECTED_PASS: "failure",
    ERROR: "error",
    TIMEOUT: "error",
    UNSUPPORTED: "skipped",
    SKIPPED: "skipped",
    EXPECTED_FAILURE: "skipped",
}
#: The testsuite attribute counting each element.
COUNTERS = {"failure": "failures", "error": "errors", "skipped": "skipped"}


def _message(result: SpecResult) -> str:
    if result.outcome == EXPECTED_FAILURE:
        return f"expected failure: {result.expected or result.message}"
    if result.outcome == UNEXPECTED_PASS:
        reason = f": {result.expected}" if result.expected else ""
        return "passed, but the expectations file lists it as failing" + reason
    return result.message or result.outcome


def _case(parent: ElementTree.Element, result: SpecResult) -> str | None:
    case = ElementTree.SubElement(
        parent,
        "testcase",
        classname=clean_text(result.area),
        name=clean_text(result.id),
        time=f"{result.duration or 0:.6f}",
    )
    element = ELEMENTS.get(result.outcome)
    if element is None:
        return None
    detail = ElementTree.SubElement(case, element, message=clean_text(_message(result)))
    if element == "error":
        detail.set("type", result.outcome)
    body = [result.message] if result.message else []
    if result.outcome == EXPECTED_FAILURE and result.message:
        body = [f"fails with: {result.message}"]
    if result.evidence:
        body += evidence_lines(result.evidence)
    if body:
        detail.text = clean_text("\n".join(body))
    return element


def render(targets: dict[str, dict], results: Sequence[SpecResult]) -> str:
    """The JUnit XML document for every target's records."""
    suite = suite_facts()
    root = ElementTree.Element("testsuites", name=suite["name"])
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seconds_in_all = 0.0
    for name in ordered_targets(targets, results):
        facts = targets.get(name) or {}
        mine = [result for result in results if result.target == name]
        testsuite = ElementTree.SubElement(root, "testsuite", name=clean_text(name))
        properties = ElementTree.SubElement(testsuite, "properties")
        for key, value in (
            ("target.version", facts.get("version")),
            ("suite.version", suite["version"]),
        ):
            ElementTree.SubElement(properties, "property", name=key, value=clean_text(value or ""))
        counts = {"tests": len(mine), "failures": 0, "errors": 0, "skipped": 0}
        for result in mine:
            element = _case(testsuite, result)
            if element is not None:
                counts[COUNTERS[element]] += 1
        seconds = sum(result.duration or 0 for result in mine)
        for key, value in counts.items():
            testsuite.set(key, str(value))
            totals[key] += value
        testsuite.set("time", f"{seconds:.6f}")
        seconds_in_all += seconds
        problems = [f"target error: {facts['error']}"] if facts.get("error") else []
        problems += [f"incident: {incident}" for incident in facts.get("incidents") or []]
        if problems:
            ElementTree.SubElement(testsuite, "system-err").text = clean_text("\n".join(problems))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{seconds_in_all:.6f}")
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
