"""The mutation score's parts: operators on small sources, the sample, the
equivalents file, the score, and one real mutant of Flask run against one spec."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.coverage import package_dir
from conformance.strength.operators import find_mutants
from conformance.strength.report import render, scores
from conformance.strength.runner import (
    EQUIVALENT,
    KILLED,
    NO_COVERAGE,
    SURVIVED,
    MutantResult,
    StrengthError,
    StrengthRun,
    Workspace,
    draw_sample,
    freeze_suite,
    load_equivalents,
    load_kills,
    run_mutant,
    select_modules,
    specs_for,
)

SOURCE = b'''"""Module docstring."""
import typing as t

if t.TYPE_CHECKING:
    from os import path

LIMIT = 3


class Thing:
    """Class docstring."""

    name: str = "thing"

    def __repr__(self):
        return "<Thing>"

    def check(self, value: "int", flag=True):
        """Method docstring."""
        if value > LIMIT and flag:
            return value
        else:
            self.calls = [
                value,
            ]
        return not flag
'''


def mutants_by(operator: str) -> list[tuple[str, str, int]]:
    return [
        (mutant.original, mutant.replacement, mutant.line)
        for mutant in find_mutants(SOURCE, "thing.py")
        if mutant.operator == operator
    ]


def test_operators_find_each_kind_of_site() -> None:
    assert mutants_by("compare") == [(">", ">=", 20)]
    assert mutants_by("boolean") == [("and", "or", 20)]
    assert mutants_by("not") == [("not", "", 26)]
    assert mutants_by("if-false") == [("value > LIMIT and flag", "False", 20)]
    assert mutants_by("drop-else") == [("value > LIMIT and flag", "True", 20)]
    assert mutants_by("return") == [("value", "None", 21), ("not flag", "None", 26)]
    assert [original for original, _, _ in mutants_by("remove")] == [
        "LIMIT = 3",
        'name: str = "thing"',
        "self.calls = [\n                value,\n            ]",
    ]
    assert mutants_by("constant") == [
        ("3", "4", 7),
        ('"thing"', "'XXthingXX'", 13),
        ("True", "False", 18),
    ]


def test_operators_skip_docstrings_type_checking_repr_and_annotations() -> None:
    originals = {mutant.original for mutant in find_mutants(SOURCE, "thing.py")}
    assert not any("docstring" in original for original in originals)
    assert '"<Thing>"' not in originals
    assert '"int"' not in originals
    assert not any(mutant.line in (4, 5) for mutant in find_mutants(SOURCE, "thing.py"))


def test_attribute_docstrings_and_slots_are_not_mutated() -> None:
    source = b'class A:\n    __slots__ = ("a",)\n    size = 1\n    """The size."""\n'
    assert [mutant.original for mutant in find_mutants(source, "a.py")] == ["size = 1", "1"]


def test_every_mutant_compiles_and_keeps_line_numbers() -> None:
    for mutant in find_mutants(SOURCE, "thing.py"):
        changed = mutant.apply(SOURCE)
        assert changed.count(b"\n") == SOURCE.count(b"\n"), mutant.id
        compile(changed, "thing.py", "exec")


def test_a_multi_line_expression_replacement_stays_valid() -> None:
    source = b"def f(a, b):\n    if a and (\n        b\n    ):\n        return 1\n"
    (mutant,) = [m for m in find_mutants(source, "f.py") if m.operator == "if-false"]
    changed = mutant.apply(source)
    assert changed == b"def f(a, b):\n    if (False\n\n):\n        return 1\n"
    compile(changed, "f.py", "exec")


def test_import_time_sites_look_at_the_scope_they_configure() -> None:
    mutants = {mutant.id: mutant for mutant in find_mutants(SOURCE, "thing.py")}
    default = mutants["thing.py:18:39:constant"]
    assert default.import_time and default.scope_lines == (18, 26)
    inside = mutants["thing.py:20:17:compare"]
    assert not inside.import_time and inside.statement_lines == (20, 20)
    line_map = {"thing.py": {20: ["spec_a", "spec_c"], 26: ["spec_b"], 18: ["spec_import"]}}
    assert specs_for(default, line_map) == ["spec_a", "spec_b", "spec_c", "spec_import"]
    assert specs_for(inside, line_map) == ["spec_a", "spec_c"]
    module_level = mutants["thing.py:7:8:constant"]
    assert module_level.import_time and module_level.scope_lines[0] == 1
    other_module = {"other.py": {3: ["spec_other"]}}
    assert specs_for(module_level, {**line_map, **other_module}) == [
        "spec_a",
        "spec_b",
        "spec_c",
        "spec_import",
        "spec_other",
    ]


def test_a_decorator_argument_looks_at_every_spec_of_its_module() -> None:
    source = b'@option("--threads", help="Use threads.")\ndef run(threads):\n    return threads\n\n\ndef other():\n    return 1\n'
    mutants = {mutant.id: mutant for mutant in find_mutants(source, "c.py")}
    help_text = mutants["c.py:1:26:constant"]
    assert help_text.scope_kind == "decorator" and help_text.scope_lines == (2, 3)
    # A spec reading the option's help never runs run()'s body.
    line_map = {
        "c.py": {3: ["spec_runs"], 7: ["spec_calls_other"]},
        "d.py": {2: ["spec_reads_the_option"]},
    }
    # The module's specs first, then every other spec of the suite.
    assert specs_for(help_text, line_map) == [
        "spec_calls_other",
        "spec_runs",
        "spec_reads_the_option",
    ]


def test_a_function_body_run_at_import_looks_at_every_spec_of_its_module() -> None:
    inside = {mutant.id: mutant for mutant in find_mutants(SOURCE, "thing.py")}[
        "thing.py:20:17:compare"
    ]
    line_map = {"thing.py": {0: ["20"], 20: [], 26: ["spec_b"], 7: ["spec_c"]}}
    assert specs_for(inside, line_map) == ["spec_b", "spec_c"]


def test_a_statement_one_spec_ran_also_looks_at_the_other_callers_of_its_function() -> None:
    source = b"_cache = None\n\n\ndef version():\n    global _cache\n    if _cache is None:\n        _cache = compute()\n    return _cache\n"
    mutants = {mutant.id: mutant for mutant in find_mutants(source, "v.py")}
    cached = mutants["v.py:7:8:remove"]
    assert cached.function_lines == (4, 8)
    # Only the first caller in the process ran line 7; the later callers come after it.
    line_map = {
        "v.py": {6: ["spec_b", "spec_first"], 7: ["spec_first"], 8: ["spec_b", "spec_first"]}
    }
    assert specs_for(cached, line_map) == ["spec_first", "spec_b"]
    # A statement several specs ran keeps only those.
    assert specs_for(mutants["v.py:6:7:if-false"], line_map) == ["spec_b", "spec_first"]


def test_kills_of_an_earlier_run_are_read_from_its_json(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.json"
    killed = MutantResult("a.py:1:0:remove", "a.py", 1, "remove", "x()", "pass", KILLED)
    survived = MutantResult("a.py:2:0:remove", "a.py", 2, "remove", "y()", "pass", SURVIVED)
    earlier.write_text(json.dumps({"results": [asdict(killed), asdict(survived)]}))
    assert load_kills(earlier) == {killed.id: killed}
    earlier.write_text("{}")
    with pytest.raises(StrengthError, match="cannot read"):
        load_kills(earlier)


def test_the_sample_depends_only_on_seed_and_size() -> None:
    population = find_mutants(SOURCE, "thing.py")
    first = draw_sample(population, 5, seed=7)
    assert first == draw_sample(population, 5, seed=7)
    assert len(first) == 5
    assert first != draw_sample(population, 5, seed=8)
    assert draw_sample(population, None, seed=7) == population


def test_module_selection_keeps_only_the_named_modules_mutants() -> None:
    population = find_mutants(SOURCE, "thing.py") + find_mutants(SOURCE, "sub/other.py")
    chosen = select_modules(population, ["sub/other.py"])
    assert chosen == find_mutants(SOURCE, "sub/other.py")
    assert select_modules(population, None) == population
    # The sample is drawn from the selected modules only, still by seed.
    assert {mutant.module for mutant in draw_sample(chosen, 3, seed=1)} == {"sub/other.py"}
    with pytest.raises(StrengthError, match=r"no such module in the package: nope\.py"):
        select_modules(population, ["thing.py", "nope.py"])


def test_the_command_refuses_a_module_the_package_lacks() -> None:
    from conformance.cli import cli

    outcome = CliRunner().invoke(cli, ["strength", "--module", "nope.py", "--module", "cli.py"])
    assert outcome.exit_code == 2
    assert "no such module in the package: nope.py" in outcome.output


def test_a_run_limited_to_modules_names_them_in_the_report() -> None:
    run = StrengthRun("flask", "3.1.3", seed=0, sample=1, population=1, jobs=1)
    run.modules = ["cli.py", "testing.py"]
    run.results = [MutantResult("cli.py:1:0:remove", "cli.py", 1, "remove", "x()", "pass", KILLED)]
    assert "modules: cli.py, testing.py" in render(run, scores(run))


def test_equivalents_need_a_reason(tmp_path: Path) -> None:
    listed = tmp_path / "equivalent.txt"
    listed.write_text("# comment\napp.py:1:0:remove the line only logs\n", encoding="utf-8")
    assert load_equivalents(listed) == {"app.py:1:0:remove": "the line only logs"}
    listed.write_text("app.py:1:0:remove\n", encoding="utf-8")
    with pytest.raises(StrengthError, match="has no reason"):
        load_equivalents(listed)


def test_the_score_leaves_out_equivalents_and_counts_no_coverage_against() -> None:
    def result(module: str, outcome: str) -> MutantResult:
        return MutantResult(f"{module}:{outcome}", module, 1, "remove", "x()", "pass", outcome)

    run = StrengthRun("flask", "3.1.3", seed=0, sample=5, population=9, jobs=2)
    run.results = [
        result("a.py", KILLED),
        result("a.py", EQUIVALENT),
        result("a.py", SURVIVED),
        result("b.py", KILLED),
        result("b.py", NO_COVERAGE),
    ]
    figures = scores(run)
    assert figures["overall"]["score"] == 50.0
    assert figures["modules"]["a.py"]["score"] == 50.0
    assert figures["modules"]["a.py"]["equivalent"] == 1
    text = "\n".join(render(run, figures))
    assert "a.py:survived [survived] 'x()' -> 'pass'" in text
    assert "b.py:no coverage [no coverage]" in text


def test_the_behaviour_score_leaves_out_changed_message_wording() -> None:
    run = StrengthRun("flask", "3.1.3", seed=0, sample=3, population=9, jobs=2)
    message = '"Cannot do that."'
    run.results = [
        MutantResult("a.py:1:0:remove", "a.py", 1, "remove", "x()", "pass", KILLED),
        MutantResult("a.py:2:0:constant", "a.py", 2, "constant", message, "'XX'", SURVIVED),
        MutantResult("a.py:3:0:constant", "a.py", 3, "constant", '"key"', "'XXkeyXX'", KILLED),
    ]
    figures = scores(run)["overall"]
    assert (figures["score"], figures["behaviour_score"], figures["wording"]) == (66.7, 100.0, 1)
    assert "a.py:2:0:constant [survived, wording]" in "\n".join(render(run, scores(run)))


SPEC = "conformance/specs/config/test_from_mapping.py::test_from_mapping_ignores_keys_not_all_uppercase[flask]"


def _config_mutant(operator: str, original: str):
    package = package_dir("flask")
    source = (package / "config.py").read_bytes()
    from_mapping = source.index(b"def from_mapping(")
    for mutant in find_mutants(source, "config.py"):
        if mutant.start > from_mapping and (mutant.operator, mutant.original) == (
            operator,
            original,
        ):
            return package, mutant
    raise AssertionError(f"no {operator} mutant of {original!r} in from_mapping")


def test_a_real_mutant_of_flask_is_killed_by_the_spec_that_sees_it() -> None:
    package, mutant = _config_mutant("if-false", "key.isupper()")
    result = run_mutant(mutant, package, [SPEC], "flask", spec_timeout=10.0)
    assert (result.outcome, result.killed_by) == (KILLED, SPEC)
    # The installed package is untouched: the change lives in a copy.
    assert b"if key.isupper():" in (package / "config.py").read_bytes()


def test_workspaces_copy_the_frozen_suite_not_the_working_tree(tmp_path: Path) -> None:
    frozen = freeze_suite(tmp_path / "frozen")
    spec = Path("conformance/specs/config/test_from_mapping.py")
    (frozen / spec).write_text("# as frozen\n", encoding="utf-8")
    package, mutant = _config_mutant("if-false", "key.isupper()")
    workspace = Workspace(tmp_path / "job", package, frozen)
    assert (workspace.suite / spec).read_text(encoding="utf-8") == "# as frozen\n"
    # A file a mutant's run changed is set back from the frozen copy too.
    (workspace.suite / spec).write_text("litter\n", encoding="utf-8")
    workspace.restore(mutant, workspace.mutate(mutant))
    assert (workspace.suite / spec).read_text(encoding="utf-8") == "# as frozen\n"


def test_a_mutant_no_spec_executes_is_not_run() -> None:
    package, mutant = _config_mutant("if-false", "key.isupper()")
    result = run_mutant(mutant, package, [], "flask", spec_timeout=10.0)
    assert (result.outcome, result.seconds) == (NO_COVERAGE, 0.0)


def test_the_command_refuses_an_equivalents_line_without_reason(tmp_path: Path) -> None:
    from conformance.cli import cli

    listed = tmp_path / "equivalent.txt"
    listed.write_text("app.py:1:0:remove\n", encoding="utf-8")
    outcome = CliRunner().invoke(cli, ["strength", "--equivalents", str(listed)])
    assert outcome.exit_code == 2
    assert "has no reason" in outcome.output
