"""Counting specs without running them (for ``conformance list``)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from conformance.paths import REPOSITORY_DIR, SPECS_DIR, child_pytest_args

_PREFIX = "conformance/specs/"


def collected_node_ids(target: str = "flask") -> list[str]:
    """The node ids pytest collects for one target; collecting imports no target."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", str(SPECS_DIR), *child_pytest_args(),
         "--collect-only", "-q", "--target", target],
        capture_output=True, text=True, check=False, cwd=REPOSITORY_DIR,
    )  # fmt: skip
    return [line for line in completed.stdout.splitlines() if line.startswith(_PREFIX)]


def count_specs() -> dict[str, int]:
    """Specs per area, counted for one target."""
    return dict(Counter(node_id[len(_PREFIX) :].split("/")[0] for node_id in collected_node_ids()))
