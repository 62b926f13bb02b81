"""Project hygiene: the README's commands, CI, and ruff."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conformance.collect import count_specs
from conformance.paths import REPOSITORY_DIR


def _readme_commands() -> list[str]:
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```\n(python -m pip install[^\n]*)\n```", readme)


def test_readme_opens_with_the_main_job_then_the_tests() -> None:
    main_job, tests = _readme_commands()[:2]
    assert main_job.endswith("python -m conformance compare impl flask")
    assert tests.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPOSITORY_DIR / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == _readme_commands()[1]


def test_ruff_finds_nothing_to_lint() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=REPOSITORY_DIR, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:]


def test_ruff_format_is_clean() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=REPOSITORY_DIR, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:]


def test_readme_areas_table_gives_each_areas_spec_count() -> None:
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("### The areas", 1)[1].split("\n\n", 2)[1]
    documented = {
        area: int(count) for area, count in re.findall(r"^\| (\w+) \| (\d+) \|", table, re.M)
    }
    assert documented == count_specs()


@pytest.mark.parametrize("older", ["3.0", "2.3"])
def test_readme_gives_the_number_of_older_flask_expectations(older: str) -> None:
    """The README states how many specs tell each older Flask in the version matrix from 3.1."""
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    version = re.escape(older)
    stated = re.search(rf"lists the (\d+) specs that\s+tell\s+Flask {version} from 3\.1", readme)
    expectations = REPOSITORY_DIR / "fixtures" / "expectations" / f"flask-{older}" / "flask.txt"
    entries = [
        line
        for line in expectations.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert stated is not None
    assert int(stated.group(1)) == len(entries)
