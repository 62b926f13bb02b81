"""Shared helpers for the harness's own tests."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

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


# Long jobs that spend their time in child processes (building and installing
# the wheel, the spec suite again on impl's general path). A test module lists
# them in START_EARLY; they start as soon as collection ends, on the core the
# mostly one-at-a-time tests leave idle, and each test waits for its own.
_early_pool: ThreadPoolExecutor | None = None
_early_jobs: dict[str, Future] = {}


def pytest_collection_finish(session: pytest.Session) -> None:
    global _early_pool
    modules = {item.module for item in session.items if isinstance(item, pytest.Function)}
    jobs: dict[str, Callable[[], Any]] = {}
    for module in modules:
        jobs.update(getattr(module, "START_EARLY", {}))
    if jobs:
        _early_pool = ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="early")
        for name, job in jobs.items():
            _early_jobs[name] = _early_pool.submit(job)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _early_pool is not None:
        _early_pool.shutdown(wait=True, cancel_futures=True)


def early_result(name: str, job: Callable[[], Any]) -> Any:
    """The result of a job started early, or of running it now when it was not."""
    future = _early_jobs.get(name)
    return future.result() if future is not None else job()


def scratch_folder(prefix: str) -> Path:
    """A temporary folder removed when the test process ends."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
