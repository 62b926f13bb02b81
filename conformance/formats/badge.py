"""Badges: a shields.io endpoint document per target.

Shields reads one JSON document per URL
(``https://img.shields.io/endpoint?url=...``), so each target gets a file of
its own: with one target the file is exactly the path given; with several,
the target's name goes before the extension (``badge.json`` becomes
``badge.flask.json`` and ``badge.impl.json``; characters other than letters,
digits, ``.``, ``-`` and ``_`` become ``_``).

The message is ``behaving/specs`` (passed, unexpected passes included, out of
every spec that ran, unsupported ones included). The colour is red when any
result disagrees with the expectations, bright green when every spec behaves,
yellow otherwise (known failures, unsupported or skipped specs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from conformance.formats import ordered_targets, total_of
from conformance.results import SpecResult

LABEL = "flask conformance"


def badge(results: Sequence[SpecResult], facts: dict | None = None) -> dict:
    """The endpoint document for one target's records."""
    if (facts or {}).get("error"):
        return {"schemaVersion": 1, "label": LABEL, "message": "error", "color": "red"}
    total = total_of(results)
    if not total.specs:
        return {"schemaVersion": 1, "label": LABEL, "message": "no specs", "color": "lightgrey"}
    if any(result.unexpected for result in results):
        color = "red"
    elif total.passed == total.specs:
        color = "brightgreen"
    else:
        color = "yellow"
    message = f"{total.passed}/{total.specs}"
    return {"schemaVersion": 1, "label": LABEL, "message": message, "color": color}


def _file_safe(name: str) -> str:
    """*name* as part of a file name: a slash would leave the directory, a colon
    (``module:Class`` targets) is refused on Windows."""
    return re.sub(r"[^\w.-]", "_", name)


def badge_paths(path: Path, names: Sequence[str]) -> dict[str, Path]:
    """Where each target's badge goes (see the module docstring)."""
    if len(names) == 1:
        return {names[0]: path}
    return {name: path.with_name(f"{path.stem}.{_file_safe(name)}{path.suffix}") for name in names}


def write(path: Path, targets: dict[str, dict], results: Sequence[SpecResult]) -> list[Path]:
    """Write each target's badge; return the paths written."""
    names = ordered_targets(targets, results)
    written = []
    for name, destination in badge_paths(path, names).items():
        mine = [result for result in results if result.target == name]
        document = badge(mine, targets.get(name))
        destination.write_text(json.dumps(document) + "\n", encoding="utf-8")
        written.append(destination)
    return written
