"""Other projects' own test suites, unmodified, on Flask and on impl in drop-in mode.

The specs say what we know Flask does; the test suites of Flask itself and of
the extensions people use say what their authors rely on. Each suite here is
the source distribution of the *installed* release, fetched from PyPI with
``pip download``, and run twice with its own pytest settings: once on Flask,
once under ``python -m impl.dropin``. Every test must end the same way on both,
apart from the differences listed in ``fixtures/upstream/known-differences.txt``
with the reason for each; a listed difference that is gone fails too, so the
list stays true.

Nothing is copied into this repository: the suites are downloaded at test time
into a scratch folder (PyPI is reachable where the tests run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ElementTree
from importlib.metadata import version
from pathlib import Path

import pytest

from conformance.paths import FIXTURES_DIR

from .conftest import early_result, scratch_folder

KNOWN_DIFFERENCES = FIXTURES_DIR / "upstream" / "known-differences.txt"

#: distribution -> its tests folder in the source distribution
SUITES = {
    "Flask": "tests",
    "Flask-Login": "tests",
    "Flask-WTF": "tests",
    "Flask-JWT-Extended": "tests",
}

#: What the suites' own test requirements add to this environment, installed into a
#: scratch folder put first on PYTHONPATH for their runs: Flask 3.1.3's tests import
#: ``_pytest.monkeypatch.notset``, which pytest 9.1 removed; Flask-Login's need
#: semantic_version; Flask-JWT-Extended's python-dateutil (their tox files list them).
SUITE_REQUIREMENTS = ["pytest>=8,<9.1", "semantic_version", "python-dateutil"]

#: What pytest is told besides the suite's own settings: no plugin of ours, no cache
#: written into the unpacked folder.
PYTEST_ARGS = ["-p", "no:conformance", "-p", "no:cacheprovider", "-q"]


def fetch(distribution: str, into: Path) -> Path:
    """Download and unpack the source distribution of the installed release."""
    release = version(distribution)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--dest",
            str(into),
            f"{distribution}=={release}",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (archive,) = into.glob("*.tar.gz")
    with tarfile.open(archive) as unpacked:
        unpacked.extractall(into, filter="data")
    (root,) = (path for path in into.iterdir() if path.is_dir())
    return root


def outcomes(report: Path) -> dict[str, str]:
    """``{test id: passed|failed|error|skipped}`` from a JUnit XML report."""
    found = {}
    for case in ElementTree.parse(report).iter("testcase"):
        test_id = f"{case.get('classname')}::{case.get('name')}"
        kinds = {child.tag for child in case}
        if "error" in kinds:
            found[test_id] = "error"
        elif "failure" in kinds:
            found[test_id] = "failed"
        elif "skipped" in kinds:
            found[test_id] = "skipped"
        else:
            found[test_id] = "passed"
    return found


def install_requirements() -> Path:
    """A folder holding the suites' test requirements, for the front of PYTHONPATH."""
    folder = scratch_folder("upstream-requirements-")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--target",
            str(folder),
            *SUITE_REQUIREMENTS,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder


def run_suite(distribution: str, requirements: Path) -> dict[str, dict[str, str]]:
    """The suite's outcomes on Flask and on impl (``{"flask": ..., "impl": ...}``)."""
    root = fetch(distribution, scratch_folder(f"upstream-{distribution}-"))
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(requirements), environment.get("PYTHONPATH")])
    )
    commands = {
        "flask": [sys.executable, "-m", "pytest"],
        "impl": [sys.executable, "-m", "impl.dropin", "-m", "pytest"],
    }
    results = {}
    for framework, command in commands.items():
        report = root / f"{framework}.xml"
        completed = subprocess.run(
            [*command, SUITES[distribution], *PYTEST_ARGS, f"--junitxml={report}"],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert report.exists(), f"{distribution} on {framework} wrote no report:\n" + (
            completed.stdout[-3000:] + completed.stderr[-3000:]
        )
        results[framework] = outcomes(report)
    return results


def run_all() -> dict[str, dict[str, dict[str, str]]]:
    requirements = install_requirements()
    return {distribution: run_suite(distribution, requirements) for distribution in SUITES}


START_EARLY = {"upstream-suites": run_all}


def known_differences() -> dict[str, dict[str, str]]:
    """``{distribution: {test id: reason}}`` from the reviewed list."""
    known: dict[str, dict[str, str]] = {}
    for line in KNOWN_DIFFERENCES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        test, _, reason = line.partition(" ")
        distribution, _, test_id = test.partition(":")
        assert reason.strip(), f"no reason given for {test}"
        known.setdefault(distribution, {})[test_id] = reason.strip()
    return known


@pytest.mark.parametrize("distribution", sorted(SUITES))
def test_upstream_suite_ends_the_same_on_impl_as_on_flask(distribution: str) -> None:
    results = early_result("upstream-suites", run_all)[distribution]
    on_flask, on_impl = results["flask"], results["impl"]
    # A suite that ran (almost) nothing proves nothing.
    assert sum(outcome == "passed" for outcome in on_flask.values()) >= 50
    assert set(on_impl) == set(on_flask)
    differing = {
        test_id: f"flask {on_flask[test_id]}, impl {on_impl[test_id]}"
        for test_id in on_flask
        if on_flask[test_id] != on_impl[test_id]
    }
    listed = known_differences().get(distribution, {})
    assert {t: d for t, d in differing.items() if t not in listed} == {}, "new differences"
    assert [t for t in listed if t not in differing] == [], "listed differences that are gone"
