"""Capabilities and the ``unsupported`` grade, shown with fake adapters over Flask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.capabilities import CAPABILITIES, UnknownCapability, check_names
from conformance.results import AreaTally, SpecResult

from .test_cli import conformance

HONEST = "fakes.capabilities:Honest"
LYING = "fakes.capabilities:Lying"


def _results(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["results"]


def test_specs_of_a_declared_unsupported_capability_are_graded_unsupported(tmp_path) -> None:
    report = tmp_path / "honest.json"
    completed = conformance(
        "run", "--target", HONEST, "--area", "signals,lifecycle", "--json", str(report)
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results = _results(report)
    by_area: dict[str, set[str]] = {}
    for result in results:
        by_area.setdefault(result["area"], set()).add(result["outcome"])
    # The signals area requires the capability: nothing in it runs.
    assert by_area["signals"] == {"unsupported"}
    # Lifecycle specs that reach a signal are unsupported; the rest run and pass.
    assert by_area["lifecycle"] == {"passed", "unsupported"}
    unsupported = [result for result in results if result["outcome"] == "unsupported"]
    assert all(
        result["message"] == "signals: this fake hides flask.signals" for result in unsupported
    )
    assert "unsupported" in completed.stdout.splitlines()[2]


def test_a_declaration_the_target_contradicts_is_dropped_with_an_incident(tmp_path) -> None:
    report = tmp_path / "lying.json"
    completed = conformance("run", "--target", LYING, "--area", "cli", "--json", str(report))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    outcomes = {result["outcome"] for result in _results(report)}
    assert outcomes == {"passed"}
    assert "declares 'cli' unsupported, but the target provides 'cli'" in completed.stdout


def test_unknown_capability_names_are_refused() -> None:
    with pytest.raises(UnknownCapability, match="'telepathy'"):
        check_names(["cli", "telepathy"], "somewhere")
    with pytest.raises(UnknownCapability):
        check_names("cli", "somewhere")
    assert check_names(["cli"], "somewhere") == ("cli",)


def test_every_capability_says_what_it_is() -> None:
    for name, capability in CAPABILITIES.items():
        assert capability.name == name
        assert capability.description


def test_unsupported_is_counted_apart_from_passes_and_failures() -> None:
    counts = AreaTally()
    for outcome in ("passed", "failed", "unsupported", "unsupported"):
        counts.add(SpecResult("a/t.py::s", "x", "a", outcome, 0.0))
    assert (counts.specs, counts.passed, counts.failed, counts.unsupported) == (4, 1, 1, 2)


def test_compare_lists_unsupported_specs_once_per_capability() -> None:
    from conformance.report import render_comparison

    reason = "flask-wording: this target writes its own sentences"
    results = [
        SpecResult("wording/t.py::a", "x", "wording", "unsupported", 0.0, reason),
        SpecResult("wording/t.py::b", "x", "wording", "unsupported", 0.0, reason),
        SpecResult("wording/t.py::a", "y", "wording", "passed", 0.0),
        SpecResult("wording/t.py::b", "y", "wording", "passed", 0.0),
        SpecResult("routing/t.py::c", "x", "routing", "failed", 0.0, "assert 404 == 200"),
        SpecResult("routing/t.py::c", "y", "routing", "passed", 0.0),
    ]
    lines = render_comparison(results, "x", "y")
    tail = lines[lines.index("x and y disagree on 3 specs:") :]
    assert tail[1] == f"  x: 2 specs unsupported ({reason}); y behaves as specified"
    # Other disagreements stay listed spec by spec.
    assert "  routing/t.py::c" in tail
    assert not any("wording/t.py" in line for line in tail)


def test_impl_declares_flasks_wording_unsupported() -> None:
    from conformance.targets import load_target

    impl = load_target("impl")
    assert set(impl.unsupported) == {"flask-wording"}
    assert "own sentences" in impl.unsupported["flask-wording"]
