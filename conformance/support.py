"""Helpers for writing specs: tables of cases read from ``fixtures/data``, and
code run against a target loaded afresh in another interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from conformance.paths import DATA_DIR

#: How long the code given to :func:`in_fresh_process` may run, in seconds.
FRESH_PROCESS_TIMEOUT = 60.0


def cases(name: str) -> list[Any]:
    """Read ``fixtures/data/<name>.json`` (a list of ``{description, input, expected}``
    records) as ``pytest.param`` objects whose ids are the descriptions."""
    records = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    ids = [record["description"] for record in records]
    if len(set(ids)) != len(ids):
        raise ValueError(f"fixtures/data/{name}.json has duplicate descriptions")
    return [
        pytest.param(record["input"], record["expected"], id=record["description"])
        for record in records
    ]


_FRESH_PROLOGUE = """\
import json, sys
from conformance.targets import load_target
target = load_target(sys.argv[1])
"""


class FreshProcessError(AssertionError):
    """The code run by :func:`in_fresh_process` raised or did not print a result."""


def in_fresh_process(target: Any, code: str) -> Any:
    """Run *code* in a new interpreter where ``target`` is the same target, loaded afresh.

    Some behaviours only show in a process that has imported nothing yet (which
    submodules a bare import of the package makes attributes, say); a spec
    states them through this helper. *code* sees ``target`` (loaded by its
    adapter, exactly as the harness loads it) and assigns its answer to
    ``result``, which must be JSON-serialisable; the answer is returned.
    """
    program = _FRESH_PROLOGUE + textwrap.dedent(code) + "\nprint(json.dumps(result))\n"
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    completed = subprocess.run(
        [sys.executable, "-c", program, target.name],
        capture_output=True,
        text=True,
        env=environ,
        timeout=FRESH_PROCESS_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        error = completed.stderr.strip().splitlines()
        raise FreshProcessError(
            f"the fresh process exited with status {completed.returncode}: "
            + (error[-1] if error else "no output")
        )
    return json.loads(lines[-1])
