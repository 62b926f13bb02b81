"""The wheel works without the clone: built, installed into a fresh virtual
environment, and run from a folder that has nothing to do with the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conformance.paths import REPOSITORY_DIR

from .conftest import early_result, scratch_folder


def build_and_install() -> Path:
    """A fresh venv (no system site-packages) with the project's wheel installed."""
    scratch = scratch_folder("conformance-wheel-")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(scratch),
         str(REPOSITORY_DIR)],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    (wheel,) = scratch.glob("flask_conformance-*.whl")
    environment = scratch / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    return environment


#: Building and installing take a minute or more of pip: started at collection.
START_EARLY = {"wheel": build_and_install}


@pytest.fixture(scope="module")
def installed() -> Path:
    return early_result("wheel", build_and_install)


def test_installed_conformance_runs_an_area_from_another_folder(installed, tmp_path) -> None:
    report = tmp_path / "report.json"
    completed = subprocess.run(
        [str(installed / "bin" / "conformance"), "run", "--target", "flask", "--area", "views",
         "--json", str(report)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert results and {result["outcome"] for result in results} == {"passed"}


def test_installed_harness_reads_its_own_fixtures_not_the_clone(installed, tmp_path) -> None:
    code = (
        "import conformance.paths as p, impl; "
        "print(p.FIXTURES_DIR.resolve()); print(p.EXPECTATIONS_DIR.is_dir()); "
        "print((p.APPS_DIR / 'basic').is_dir()); print(impl.__file__)"
    )
    completed = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, check=True,
    )  # fmt: skip
    fixtures, expectations, apps, impl_file = completed.stdout.split("\n")[:4]
    assert Path(fixtures).is_relative_to(installed)
    assert (expectations, apps) == ("True", "True")
    assert Path(impl_file).is_relative_to(installed)


def test_child_pytest_settings_match_the_projects() -> None:
    import configparser
    import tomllib

    from conformance.paths import CHILD_PYTEST_INI

    child = configparser.ConfigParser()
    child.read(CHILD_PYTEST_INI)
    project = tomllib.loads((REPOSITORY_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    options = project["tool"]["pytest"]["ini_options"]
    assert child["pytest"]["addopts"].split() == options["addopts"]
    assert child["pytest"]["filterwarnings"].split() == options["filterwarnings"]
    assert child["pytest"]["xfail_strict"] == str(options["xfail_strict"]).lower()
