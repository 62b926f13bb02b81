"""How much of an implementation's own code the spec suite executes.

Run against upstream Flask, this is the measure of the suite's reach: every
statement and branch of the ``flask`` package that no spec executes is a
behaviour the suite does not describe (or code no application can reach).
The suite runs in a child process under coverage.py, measuring only the
target's package; the figures come from coverage.py's JSON report.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from conformance.paths import REPOSITORY_DIR, SPECS_DIR, child_pytest_args


class CoverageError(Exception):
    """The measurement could not be made; the message says why, in one line."""


@dataclass
class ModuleCoverage:
    """Statement and branch figures for one module of the measured package."""

    name: str
    statements: int
    missed_statements: int
    branches: int
    missed_branches: int
    missing_lines: list[int] = field(default_factory=list)

    @property
    def statement_percent(self) -> float:
        return _percent(self.statements - self.missed_statements, self.statements)

    @property
    def branch_percent(self) -> float:
        return _percent(self.branches - self.missed_branches, self.branches)


def _percent(part: int, whole: int) -> float:
    return 100.0 if whole == 0 else 100.0 * part / whole


def package_dir(target: str) -> Path:
    """The directory of the target's top-level package, found without importing it."""
    top = target.split(".")[0]
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise CoverageError(f"cannot measure {target!r}: no package of that name")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def measure(
    target: str, areas: list[str], extra_args: tuple[str, ...] = ()
) -> tuple[list[ModuleCoverage], int]:
    """Run the suite on *target* under coverage; return per-module figures and the exit status."""
    source = package_dir(target)
    with tempfile.TemporaryDirectory(prefix="conformance-coverage-") as scratch:
        data_file = Path(scratch) / ".coverage"
        report_file = Path(scratch) / "coverage.json"
        command = [
            sys.executable, "-m", "coverage", "run", "--branch", f"--source={source}",
            f"--data-file={data_file}", "-m", "pytest", str(SPECS_DIR), *child_pytest_args(),
            "-q", "--target", target,
        ]  # fmt: skip
        if areas:
            command += ["--area", ",".join(areas)]
        completed = subprocess.run(
            [*command, *extra_args],
            cwd=REPOSITORY_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if not data_file.exists():
            last = (completed.stderr or completed.stdout).strip().splitlines()[-1:]
            raise CoverageError(f"coverage did not run: {' '.join(last) or 'no output'}")
        subprocess.run(
            [sys.executable, "-m", "coverage", "json", f"--data-file={data_file}",
             "-o", str(report_file), "--quiet"],
            cwd=REPOSITORY_DIR, check=True, capture_output=True,
        )  # fmt: skip
        report = json.loads(report_file.read_text(encoding="utf-8"))
    modules = []
    for filename, figures in sorted(report["files"].items()):
        summary = figures["summary"]
        name = Path(filename).resolve().relative_to(source.parent).as_posix()
        modules.append(
            ModuleCoverage(
                name=name,
                statements=summary["num_statements"],
                missed_statements=summary["missing_lines"],
                branches=summary.get("num_branches", 0),
                missed_branches=summary.get("num_branches", 0) - summary.get("covered_branches", 0),
                missing_lines=figures.get("missing_lines", []),
            )
        )
    return modules, completed.returncode


def total(modules: list[ModuleCoverage]) -> ModuleCoverage:
    return ModuleCoverage(
        name="TOTAL",
        statements=sum(module.statements for module in modules),
        missed_statements=sum(module.missed_statements for module in modules),
        branches=sum(module.branches for module in modules),
        missed_branches=sum(module.missed_branches for module in modules),
    )


def line_ranges(lines: list[int]) -> str:
    """``[1, 2, 3, 7, 9, 10]`` as ``"1-3, 7, 9-10"``."""
    parts: list[str] = []
    start = previous = None
    for line in sorted(lines):
        if previous is not None and line == previous + 1:
            previous = line
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = line
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return ", ".join(parts)


def render(modules: list[ModuleCoverage], show_missing: bool = True) -> list[str]:
    width = max([len("TOTAL"), *(len(module.name) for module in modules)]) + 2
    header = f"{'module':<{width}}{'stmts':>7}{'miss':>6}{'cover':>8}{'branch':>8}{'miss':>6}{'cover':>8}"
    lines = [header]
    for module in [*modules, total(modules)]:
        row = (
            f"{module.name:<{width}}{module.statements:>7}{module.missed_statements:>6}"
            f"{module.statement_percent:>7.1f}%{module.branches:>8}{module.missed_branches:>6}"
            f"{module.branch_percent:>7.1f}%"
        )
        lines.append(row)
    if show_missing:
        uncovered = [module for module in modules if module.missing_lines]
        if uncovered:
            lines.append("")
            lines.append("statements no spec executes:")
            for module in uncovered:
                lines.append(f"  {module.name}: {line_ranges(module.missing_lines)}")
    return lines
