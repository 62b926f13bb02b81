"""Shared helpers for the harness's own tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR, SPECS_DIR

pytest_plugins = ["pytester"]


def pytest_configure(config: pytest.Config) -> None:
    # These tests start some hundred Python processes (conformance runs,
    # mutants, servers), each importing Flask, Werkzeug, impl and the specs.
    # Where the environment says not to write bytecode, each of them compiled
    # all of it again: letting the first one cache it halves a typical run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def run_specs(
    *args: str, results: Path, timeout: float = 300, area: str | None = None
) -> subprocess.CompletedProcess:
    """Run the spec suite (or one area's folder) in a subprocess with ``fixtures/``
    importable, for mutants and fakes."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(FIXTURES_DIR), str(REPOSITORY_DIR), env.get("PYTHONPATH")])
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(SPECS_DIR / area if area else SPECS_DIR),
        "-q",
        "-p",
        "no:cacheprovider",
        "--conformance-results",
        str(results),
        *args,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, cwd=REPOSITORY_DIR
    )


@pytest.fixture
def fixtures_env(monkeypatch):
    """Make ``fixtures/`` importable in this process and in subprocesses."""
    monkeypatch.syspath_prepend(str(FIXTURES_DIR))
    monkeypatch.setenv(
        "PYTHONPATH",
        os.pathsep.join(filter(None, [str(FIXTURES_DIR), os.environ.get("PYTHONPATH")])),
    )
