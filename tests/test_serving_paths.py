"""impl's two serving paths, both under the spec suite.

``Flask.wsgi_app`` serves through an inlined path (``impl/_plain_serving.py``)
while no seam is overridden, and through its general path (the chain of
overridable methods) otherwise. The project's spec run mostly sees the inlined
path, since few specs override a seam, so here the whole suite runs on impl
again with ``IMPL_PLAIN_SERVING=0``, which sends every request the general
way. Both runs must match ``fixtures/expectations/impl.txt``: a change made
to one path and not the other fails one of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conformance.areas import discover_areas
from conformance.paths import REPOSITORY_DIR

from .conftest import early_result, scratch_folder

#: Prints which path a fresh app takes, in a child with the given setting.
_WHICH_PATH = """
    import impl
    app = impl.Flask("paths")
    app.get("/")(lambda: "served")
    assert app.test_client().get("/").data == b"served"
    print("inlined" if app._plain_serving else "general")
"""


def _environment(setting: str | None) -> dict[str, str]:
    environ = {name: value for name, value in os.environ.items() if name != "IMPL_PLAIN_SERVING"}
    if setting is not None:
        environ["IMPL_PLAIN_SERVING"] = setting
    return environ


@pytest.mark.parametrize(
    ("setting", "path"),
    [(None, "inlined"), ("1", "inlined"), ("0", "general"), ("off", "general")],
    ids=["unset", "on", "zero", "off"],
)
def test_switch_chooses_the_serving_path(setting: str | None, path: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_WHICH_PATH)],
        env=_environment(setting),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"{path}\n"


#: Areas that never serve a request (names, members and signatures recorded as
#: data), so running them again on the general path would prove nothing.
_NOT_SERVING = {"api"}


def run_on_the_general_path() -> tuple[subprocess.CompletedProcess, Path]:
    """The spec suite on impl with the inlined path off, and its JSON report."""
    report = scratch_folder("conformance-general-") / "general.json"
    areas = sorted(set(discover_areas()) - _NOT_SERVING)
    command = [sys.executable, "-m", "conformance", "run", "--target", "impl"]
    completed = subprocess.run(
        [*command, "--area", ",".join(areas), "--json", str(report)],
        env=_environment("0"),
        cwd=REPOSITORY_DIR,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return completed, report


#: The whole suite again takes a while: started at collection.
START_EARLY = {"general-path": run_on_the_general_path}


def test_spec_suite_on_the_general_path_matches_impls_expectations() -> None:
    completed, report = early_result("general-path", run_on_the_general_path)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "impl: results match the expectations" in completed.stdout
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert len(results) > 1000, "the whole suite ran"
