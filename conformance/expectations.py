"""Expectations: the specs a target is known to fail, each with its reason.

One file per target, ``<dir>/<target>.txt``. Each line names a spec id, then
the reason after at least one space::

    # comments and blank lines are ignored
    routing/test_converters.py::test_int_rejects_negative  impl: converters not built yet

A target with no file is expected to pass everything. Matching is strict both
ways: a listed spec that passes is an unexpected pass and fails the run, as an
unlisted spec that fails does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conformance.paths import EXPECTATIONS_DIR


class ExpectationsError(Exception):
    """An expectations file is malformed; the message names the file and line."""


@dataclass
class Expectations:
    """The known failures of one target, by spec id."""

    target: str
    path: Path | None
    reasons: dict[str, str] = field(default_factory=dict)

    def reason_for(self, spec_id: str) -> str | None:
        return self.reasons.get(spec_id)

    def stale(self, seen_ids: set[str], areas: set[str] | None = None) -> list[str]:
        """Entries naming no spec that was collected (within *areas*, when given)."""
        return sorted(
            spec_id
            for spec_id in self.reasons
            if spec_id not in seen_ids and (areas is None or spec_id.split("/")[0] in areas)
        )


def expectations_path(target: str, directory: Path | None = None) -> Path:
    return (directory or EXPECTATIONS_DIR) / f"{target}.txt"


def load_expectations(target: str, directory: Path | None = None) -> Expectations:
    path = expectations_path(target, directory)
    if not path.is_file():
        return Expectations(target, None)
    reasons: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        spec_id, _, reason = line.partition(" ")
        reason = reason.strip()
        if not reason:
            raise ExpectationsError(f"{path}:{number}: {spec_id!r} has no reason")
        if spec_id in reasons:
            raise ExpectationsError(f"{path}:{number}: {spec_id!r} is listed twice")
        reasons[spec_id] = reason
    return Expectations(target, path, reasons)


def write_expectations(
    path: Path, target: str, failures: dict[str, str], header: str | None = None
) -> None:
    """Write *failures* (spec id to reason) as an expectations file, sorted by id."""
    lines = [header or f"# Specs known to fail on target {target!r}, each with its reason."]
    width = max((len(spec_id) for spec_id in failures), default=0)
    lines += [f"{spec_id.ljust(width)}  {failures[spec_id]}" for spec_id in sorted(failures)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
