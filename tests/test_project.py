"""Project hygiene: the README's commands, CI, and ruff."""

from __future__ import annotations

import re
import subprocess
import sys

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


def test_readme_gives_the_number_of_flask_30_expectations() -> None:
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"lists the (\d+) specs that\s+tell Flask 3\.0 from 3\.1", readme)
    expectations = REPOSITORY_DIR / "fixtures" / "expectations" / "flask-3.0" / "flask.txt"
    entries = [
        line
        for line in expectations.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert stated is not None
    assert int(stated.group(1)) == len(entries)
