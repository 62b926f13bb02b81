"""The pytest plugin under plain pytest: targets, areas, ids, expectations, timeouts."""

from __future__ import annotations

from pathlib import Path

from conformance.results import read_jsonl

from .conftest import run_specs

PASSING_SPEC = "routing/test_rules.py::test_unknown_path_is_404"
HELLO_SPEC = "routing/test_rules.py::test_static_rule_matches_its_path"


def test_area_option_selects_one_area_and_ids_drop_the_target(tmp_path: Path) -> None:
    results_file = tmp_path / "results.jsonl"
    completed = run_specs("--target", "flask", "--area", "routing", results=results_file)
    assert completed.returncode == 0, completed.stdout[-2000:]
    results = read_jsonl(results_file)
    assert results and {result.area for result in results} == {"routing"}
    for result in results:
        assert not result.id.endswith(("[flask]", "-flask]")), result.id
        assert result.id.startswith("routing/") and "::test_" in result.id
    assert "target flask" in completed.stdout
    assert "flask: results match the expectations" in completed.stdout


def test_two_targets_parametrize_every_spec(tmp_path: Path) -> None:
    results_file = tmp_path / "results.jsonl"
    run_specs("--target", "flask", "--target", "fakes.empty", "--area", "routing",
              results=results_file)  # fmt: skip
    results = read_jsonl(results_file)
    by_target: dict[str, set[str]] = {}
    for result in results:
        by_target.setdefault(result.target, set()).add(result.id)
    assert set(by_target) == {"flask", "fakes.empty"}
    assert by_target["flask"] == by_target["fakes.empty"]


def test_target_lacking_names_fails_its_specs_with_the_name(tmp_path: Path) -> None:
    results_file = tmp_path / "results.jsonl"
    completed = run_specs("--target", "fakes.empty", "--area", "routing", results=results_file)
    assert completed.returncode == 1
    results = read_jsonl(results_file)
    assert results and all(result.outcome in {"failed", "error"} for result in results)
    assert any("Flask" in result.message for result in results)


def test_unexpected_pass_fails_a_plain_pytest_run(tmp_path: Path) -> None:
    expectations = tmp_path / "expectations"
    expectations.mkdir()
    (expectations / "flask.txt").write_text(f"{PASSING_SPEC}  pretend it is broken\n")
    results_file = tmp_path / "results.jsonl"
    completed = run_specs(
        "--target", "flask", "--area", "routing", "--expectations", str(expectations),
        results=results_file,
    )  # fmt: skip
    assert completed.returncode == 1
    assert "UNEXPECTED PASS" in completed.stdout
    outcomes = {result.id: result.outcome for result in read_jsonl(results_file)}
    assert outcomes[PASSING_SPEC] == "unexpected-pass"


def test_listed_failure_is_an_expected_failure(tmp_path: Path) -> None:
    expectations = tmp_path / "expectations"
    expectations.mkdir()
    (expectations / "fakes.hangs.txt").write_text(f"{HELLO_SPEC}  hangs on /hello by design\n")
    results_file = tmp_path / "results.jsonl"
    completed = run_specs(
        "--target", "fakes.hangs", "--area", "routing", "--spec-timeout", "1",
        "--expectations", str(expectations), results=results_file,
    )  # fmt: skip
    results = {result.id: result for result in read_jsonl(results_file)}
    assert results[HELLO_SPEC].outcome == "expected-failure"
    assert results[HELLO_SPEC].expected == "hangs on /hello by design"
    assert completed.returncode == 0, completed.stdout[-2000:]


def test_spec_past_its_timeout_is_graded_timeout(tmp_path: Path) -> None:
    results_file = tmp_path / "results.jsonl"
    completed = run_specs(
        "--target", "fakes.hangs", "--area", "routing", "--spec-timeout", "1",
        results=results_file,
    )  # fmt: skip
    assert completed.returncode == 1
    results = {result.id: result for result in read_jsonl(results_file)}
    assert results[HELLO_SPEC].outcome == "timeout"
    assert results[PASSING_SPEC].outcome == "passed"


def test_unknown_area_is_a_usage_error(tmp_path: Path) -> None:
    completed = run_specs("--area", "nowhere", results=tmp_path / "results.jsonl")
    assert completed.returncode == 4
    assert "unknown area 'nowhere'" in completed.stderr
