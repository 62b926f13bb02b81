"""The result model: one record per (spec, target), and the views' shared arithmetic.

Every report (the terminal tables, ``--json``) is rendered from these records,
never computed separately.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

PASSED = "passed"
FAILED = "failed"
ERROR = "error"  # the spec broke outside its body: a fixture, setup or teardown raised
TIMEOUT = "timeout"
SKIPPED = "skipped"
EXPECTED_FAILURE = "expected-failure"
UNEXPECTED_PASS = "unexpected-pass"
#: The target does not offer a capability the spec needs (its adapter says so).
UNSUPPORTED = "unsupported"

OUTCOMES = (
    PASSED,
    FAILED,
    ERROR,
    TIMEOUT,
    SKIPPED,
    EXPECTED_FAILURE,
    UNEXPECTED_PASS,
    UNSUPPORTED,
)
#: Outcomes that make a run fail: they disagree with the expectations.
UNEXPECTED = frozenset({FAILED, ERROR, TIMEOUT, UNEXPECTED_PASS})
#: Outcomes in which the target did not show the behaviour.
NOT_PASSING = frozenset({FAILED, ERROR, TIMEOUT, EXPECTED_FAILURE})

#: The version of the ``--json`` format (documented by ``conformance/schema/results.schema.json``).
#: 2: the ``suite`` block, and ``evidence`` on a record.
FORMAT_VERSION = 2


@dataclass(frozen=True)
class SpecResult:
    """How one spec went on one target."""

    id: str
    target: str
    area: str
    outcome: str
    duration: float
    message: str = ""
    expected: str | None = None  # the expectations file's reason, when the spec is listed
    #: What the spec's client saw and the lifecycle trace, for failures (see
    #: conformance/evidence.py for the shape); None when not recorded.
    evidence: dict | None = None

    @property
    def unexpected(self) -> bool:
        return self.outcome in UNEXPECTED

    @property
    def behaves(self) -> bool:
        """True when the target showed the specified behaviour."""
        return self.outcome in (PASSED, UNEXPECTED_PASS)

    def to_json(self) -> dict:
        record = asdict(self)
        if record["evidence"] is None:  # most records: keep the file small
            del record["evidence"]
        return record

    @classmethod
    def from_json(cls, record: dict) -> SpecResult:
        return cls(**{key: record.get(key) for key in cls.__dataclass_fields__})


@dataclass
class AreaTally:
    """Counts for one area on one target: the rows of the summary table."""

    specs: int = 0
    passed: int = 0
    failed: int = 0
    expected: int = 0
    errors: int = 0
    unsupported: int = 0
    unexpected_passes: int = 0

    def add(self, result: SpecResult) -> None:
        self.specs += 1
        if result.outcome == PASSED:
            self.passed += 1
        elif result.outcome == FAILED:
            self.failed += 1
        elif result.outcome == EXPECTED_FAILURE:
            self.expected += 1
        elif result.outcome in (ERROR, TIMEOUT):
            self.errors += 1
        elif result.outcome == UNSUPPORTED:
            self.unsupported += 1
        elif result.outcome == UNEXPECTED_PASS:
            self.passed += 1
            self.unexpected_passes += 1


def tally(results: Iterable[SpecResult]) -> dict[str, AreaTally]:
    by_area: dict[str, AreaTally] = {}
    for result in results:
        by_area.setdefault(result.area, AreaTally()).add(result)
    return dict(sorted(by_area.items()))


def read_jsonl(path: Path) -> list[SpecResult]:
    """Read the records a run streams to *path*, ignoring a torn last line."""
    results = []
    if not path.exists():
        return results
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record.get("kind", "result") == "result":
            record.pop("kind", None)
            results.append(SpecResult.from_json(record))
    return results


def write_report(path: Path, targets: dict[str, dict], results: list[SpecResult]) -> None:
    """Write the ``--json`` report: target facts, then one record per spec and target."""
    seen: set[tuple[str, str]] = set()
    for result in results:
        key = (result.id, result.target)
        if key in seen:
            raise ValueError(f"two records for {result.id} on {result.target}")
        seen.add(key)
    document = {
        "format": FORMAT_VERSION,
        "suite": suite_facts(),
        "targets": targets,
        "results": [result.to_json() for result in results],
    }
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def suite_facts() -> dict:
    """Which suite produced a report: two reports compare spec by spec only when these match."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        suite_version = version("flask-conformance")
    except PackageNotFoundError:
        suite_version = "unknown"
    return {"name": "flask-conformance", "version": suite_version}
