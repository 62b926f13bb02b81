"""The suite checks its own files, as test262 and JSON-Schema-Test-Suite do."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.areas import discover_areas
from conformance.expectations import load_expectations
from conformance.paths import EXPECTATIONS_DIR, SPECS_DIR

SPEC_FILES = sorted(SPECS_DIR.glob("*/**/test_*.py"))
SOURCE = re.compile(r"\(Flask (API|docs): [^()]+(\([^()]*\)[^()]*)*\)\.$")
FORBIDDEN_MODULES = re.compile(r"^(flask|impl|werkzeug\._|werkzeug\.[a-z_.]*\._)")
BANNED_WORDS = re.compile(r"\b(should|test that|tests that|verify|verifies|checks? that)\b", re.I)
MAX_DOCSTRING = 300


def _spec_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test_"
        ):
            yield node


def _relative(path: Path) -> str:
    return path.relative_to(SPECS_DIR).as_posix()


@pytest.mark.parametrize("path", SPEC_FILES, ids=_relative)
def test_spec_file_imports_no_implementation(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        for name in names:
            assert not FORBIDDEN_MODULES.match(name), (
                f"{_relative(path)}:{node.lineno} imports {name}; reach it through `target`"
            )


@pytest.mark.parametrize("path", SPEC_FILES, ids=_relative)
def test_spec_docstrings_state_one_behaviour_and_its_source(path: Path) -> None:
    for function in _spec_functions(path):
        where = f"{_relative(path)}::{function.name}"
        docstring = ast.get_docstring(function)
        assert docstring, f"{where} has no docstring"
        text = " ".join(docstring.split())
        assert len(text) <= MAX_DOCSTRING, f"{where}: docstring longer than {MAX_DOCSTRING}"
        assert SOURCE.search(text), (
            f"{where}: docstring must end with (Flask API: …). or (Flask docs: …)."
        )
        assert not BANNED_WORDS.search(text), f"{where}: state the behaviour, not a wish: {text!r}"
        sentence = SOURCE.sub("", text).strip()
        assert sentence[:1].isupper() or sentence.startswith("`"), (
            f"{where}: the statement starts with a capital letter or a ``name``"
        )


def test_spec_docstrings_are_unique() -> None:
    seen: dict[str, str] = {}
    for path in SPEC_FILES:
        for function in _spec_functions(path):
            text = " ".join((ast.get_docstring(function) or "").split())
            where = f"{_relative(path)}::{function.name}"
            assert text not in seen, f"{where} repeats the statement of {seen[text]}"
            seen[text] = where


def test_every_spec_folder_is_a_described_area() -> None:
    areas = discover_areas()
    folders = {path.parent.relative_to(SPECS_DIR).parts[0] for path in SPEC_FILES}
    assert folders <= set(areas), f"folders without AREA.toml: {folders - set(areas)}"
    for area in areas.values():
        assert area.title and area.description and area.docs, f"{area.name}: incomplete AREA.toml"


def _collected_spec_ids(target: str) -> list[str]:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(SPECS_DIR),
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "--target",
            target,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    prefix = "conformance/specs/"
    return [line for line in completed.stdout.splitlines() if line.startswith(prefix)]


def test_every_spec_runs_through_the_target_fixture() -> None:
    node_ids = _collected_spec_ids("flask")
    assert node_ids
    strays = [node_id for node_id in node_ids if not re.search(r"[\[-]flask\]$", node_id)]
    assert not strays, f"specs not parametrized by target: {strays[:5]}"


def test_spec_ids_have_no_whitespace() -> None:
    # An expectations line is a spec id, a space, then the reason: an id with a
    # space in it (a parameter id made from "a; b") could never be listed.
    spaced = [node_id for node_id in _collected_spec_ids("flask") if re.search(r"\s", node_id)]
    assert not spaced, f"spec ids with whitespace (give the parameters ids): {spaced[:5]}"


@pytest.mark.parametrize(
    "path",
    sorted(EXPECTATIONS_DIR.glob("**/*.txt")),
    ids=lambda path: path.relative_to(EXPECTATIONS_DIR).as_posix(),
)
def test_expectation_entries_name_existing_specs(path: Path) -> None:
    expectations = load_expectations(path.stem, path.parent)
    node_ids = _collected_spec_ids("flask")
    spec_ids = {
        re.sub(
            r"(\[flask\]|-flask\])$", lambda m: "" if m.group(0) == "[flask]" else "]", node_id
        ).removeprefix("conformance/specs/")
        for node_id in node_ids
    }
    stale = expectations.stale(spec_ids)
    assert not stale, f"{path.name} lists specs that do not exist: {stale[:10]}"
