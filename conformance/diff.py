"""``conformance diff``: what changed between two ``--json`` reports.

Two runs of the suite (yesterday's and today's, Flask 3.0's and 3.1's, impl
before and after a change) line up spec by spec and target by target. For
each pair of targets the diff lists the specs whose behaviour changed:

- *new failures*: the target behaved in the old run and does not in the new;
- *fixes*: the reverse;
- *changed failures*: failing in both, with another outcome or message;
- *added* and *removed* specs: present in one run only.

The outcomes are read through :attr:`SpecResult.behaves`, the same arithmetic
every other view uses. A diff is meaningful only between reports of the same
suite version and format: anything else is refused unless forced.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conformance.results import EXPECTED_FAILURE, FAILED, OUTCOMES, SpecResult

#: The ``--json`` formats this module reads (1 had no ``suite`` block).
READABLE_FORMATS = (1, 2)

NEW_FAILURE = "new failure"
FIX = "fix"
CHANGED = "changed failure"
ADDED = "added"
REMOVED = "removed"
KINDS = (NEW_FAILURE, FIX, CHANGED, ADDED, REMOVED)
#: Column headings of the per-area table, one per kind.
HEADINGS = {
    NEW_FAILURE: "new failures",
    FIX: "fixes",
    CHANGED: "changed",
    ADDED: "added",
    REMOVED: "removed",
}


class DiffError(Exception):
    """Bad input: a file that is no report, reports that do not compare, an unknown target."""


@dataclass(frozen=True)
class Report:
    """One ``--json`` report, read back."""

    path: Path
    format: int
    suite: dict
    targets: dict[str, dict]
    results: list[SpecResult]

    @property
    def suite_label(self) -> str:
        name = self.suite.get("name", "flask-conformance")
        return f"{name} {self.suite.get('version', 'unknown')}"

    def target_version(self, name: str) -> str | None:
        facts = self.targets.get(name)
        return facts.get("version") if isinstance(facts, dict) else None

    def by_id(self, target: str) -> dict[str, SpecResult]:
        return {result.id: result for result in self.results if result.target == target}


def load_report(path: Path) -> Report:
    """Read a report; raise :class:`DiffError` with one line when *path* is not one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DiffError(f"{path}: cannot read it: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DiffError(f"{path}: not a conformance report (not JSON: {error})") from None
    if not isinstance(document, dict) or not {"format", "results"} <= set(document):
        raise DiffError(f"{path}: not a conformance report (no 'format' and 'results')")
    version = document["format"]
    if version not in READABLE_FORMATS:
        raise DiffError(
            f"{path}: report format {version!r} is not one this command reads "
            f"({', '.join(map(str, READABLE_FORMATS))})"
        )
    records = document["results"]
    targets = document.get("targets") or {}
    suite = document.get("suite") or {}
    if not isinstance(records, list) or not isinstance(targets, dict):
        raise DiffError(f"{path}: not a conformance report ('results' is not a list)")
    results = []
    for number, record in enumerate(records, start=1):
        if (
            not isinstance(record, dict)
            or not all(isinstance(record.get(key), str) for key in ("id", "target", "outcome"))
            or record["outcome"] not in OUTCOMES
        ):
            raise DiffError(f"{path}: result {number} is not a spec record")
        results.append(SpecResult.from_json(record))
    return Report(Path(path), version, suite, targets, results)


def check_comparable(old: Report, new: Report) -> None:
    """Refuse reports of different formats or suite versions: their spec ids need not line up."""
    if old.format != new.format:
        raise DiffError(
            f"the reports have different formats ({old.format} and {new.format}); "
            "--force compares them anyway"
        )
    if old.suite_label != new.suite_label:
        raise DiffError(
            f"the reports come from different suites ({old.suite_label} and "
            f"{new.suite_label}); --force compares them anyway"
        )


def pair_targets(
    old: Report, new: Report, old_names: Sequence[str] = (), new_names: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The (old target, new target) pairs to compare.

    Named pairs are used as given (``--target-old A --target-new B``, or
    ``--map A=B``); without any, the targets both reports share, by name.
    """
    if len(old_names) != len(new_names):
        raise DiffError("--target-old and --target-new must be given the same number of times")
    old_known = _target_names(old)
    new_known = _target_names(new)
    pairs = list(zip(old_names, new_names, strict=True))
    for old_name, new_name in pairs:
        if old_name not in old_known:
            raise DiffError(f"{old.path} has no target {old_name!r} (it has {_listed(old_known)})")
        if new_name not in new_known:
            raise DiffError(f"{new.path} has no target {new_name!r} (it has {_listed(new_known)})")
    if pairs:
        return pairs
    shared = [name for name in old_known if name in new_known]
    if not shared:
        raise DiffError(
            f"the reports share no target ({_listed(old_known)} and {_listed(new_known)}); "
            "pair them with --target-old NAME --target-new NAME"
        )
    return [(name, name) for name in shared]


def parse_mapping(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """``OLD=NEW`` strings as two lists of names."""
    olds, news = [], []
    for value in values:
        old_name, sign, new_name = value.partition("=")
        if not sign or not old_name or not new_name:
            raise DiffError(f"--map takes OLD=NEW, not {value!r}")
        olds.append(old_name)
        news.append(new_name)
    return olds, news


def _target_names(report: Report) -> list[str]:
    names = dict.fromkeys(report.targets)
    names.update(dict.fromkeys(result.target for result in report.results))
    return list(names)


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none"


@dataclass(frozen=True)
class Change:
    """One spec whose result differs between the two runs of a target pair."""

    kind: str
    spec_id: str
    old: SpecResult | None
    new: SpecResult | None

    @property
    def area(self) -> str:
        record = self.new or self.old
        assert record is not None
        return record.area or self.spec_id.split("/")[0]


@dataclass
class PairDiff:
    """The changes between one old target and one new target."""

    old_target: str
    new_target: str
    old_version: str | None
    new_version: str | None
    compared: int = 0  # specs present in both runs
    changes: list[Change] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def counts_by_area(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for change in self.changes:
            row = counts.setdefault(change.area, dict.fromkeys(KINDS, 0))
            row[change.kind] += 1
        return dict(sorted(counts.items()))

    def label(self) -> str:
        old = _with_version(self.old_target, self.old_version)
        new = _with_version(self.new_target, self.new_version)
        return f"{old} -> {new}"


def _with_version(name: str, version: str | None) -> str:
    return f"{name} ({version})" if version else name


def _failure_signature(result: SpecResult) -> tuple[str, str]:
    # An expected failure is a failure the expectations file knew about: whether
    # a run was given that file changes nothing about the behaviour.
    outcome = FAILED if result.outcome == EXPECTED_FAILURE else result.outcome
    return outcome, result.message or ""


def diff_pair(old: Report, new: Report, old_target: str, new_target: str) -> PairDiff:
    """Every change between *old_target*'s results in *old* and *new_target*'s in *new*."""
    before, after = old.by_id(old_target), new.by_id(new_target)
    pair = PairDiff(
        old_target, new_target, old.target_version(old_target), new.target_version(new_target)
    )
    for spec_id in sorted(set(before) | set(after)):
        was, now = before.get(spec_id), after.get(spec_id)
        if was is None:
            pair.changes.append(Change(ADDED, spec_id, None, now))
            continue
        if now is None:
            pair.changes.append(Change(REMOVED, spec_id, was, None))
            continue
        pair.compared += 1
        if was.behaves and not now.behaves:
            pair.changes.append(Change(NEW_FAILURE, spec_id, was, now))
        elif now.behaves and not was.behaves:
            pair.changes.append(Change(FIX, spec_id, was, now))
        elif not was.behaves and _failure_signature(was) != _failure_signature(now):
            pair.changes.append(Change(CHANGED, spec_id, was, now))
    return pair


def diff_reports(old: Report, new: Report, pairs: Sequence[tuple[str, str]]) -> list[PairDiff]:
    return [diff_pair(old, new, old_target, new_target) for old_target, new_target in pairs]


def has_new_failures(diffs: Sequence[PairDiff]) -> bool:
    return any(pair.of_kind(NEW_FAILURE) for pair in diffs)


def describe(result: SpecResult | None) -> str:
    """One outcome in a line: ``passed``, ``failed: <message>``, ``absent``."""
    if result is None:
        return "absent"
    outcome = FAILED if result.outcome == EXPECTED_FAILURE else result.outcome
    return f"{outcome}: {result.message}" if result.message else outcome


def _table(pair: PairDiff) -> list[list[str]]:
    rows = [
        [area, *(str(row[kind]) for kind in KINDS)] for area, row in pair.counts_by_area().items()
    ]
    totals = [str(len(pair.of_kind(kind))) for kind in KINDS]
    return [["area", *(HEADINGS[kind] for kind in KINDS)], *rows, ["total", *totals]]


def render_text(old: Report, new: Report, diffs: Sequence[PairDiff]) -> list[str]:
    """The terminal view: per target pair, a table of changes per area, then each change."""
    lines = [f"old: {old.path} ({old.suite_label})", f"new: {new.path} ({new.suite_label})"]
    for pair in diffs:
        lines += ["", f"target {pair.label()}: {pair.compared} specs in both runs"]
        if not pair.changes:
            lines.append("no changes")
            continue
        table = _table(pair)
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        for row in table:
            cells = [row[0].ljust(widths[0])] + [
                cell.rjust(max(width, 8)) for cell, width in zip(row[1:], widths[1:], strict=True)
            ]
            lines.append("  ".join(cells))
        for kind in KINDS:
            changes = pair.of_kind(kind)
            if not changes:
                continue
            lines += ["", f"{HEADINGS[kind]} ({len(changes)}):"]
            for change in changes:
                lines.append(f"  {change.spec_id}")
                if kind == ADDED:
                    lines.append(f"      new: {describe(change.new)}")
                elif kind == REMOVED:
                    lines.append(f"      old: {describe(change.old)}")
                else:
                    lines.append(f"      old: {describe(change.old)}")
                    lines.append(f"      new: {describe(change.new)}")
    lines.append("")
    total = sum(len(pair.of_kind(NEW_FAILURE)) for pair in diffs)
    lines.append(f"{total} new failures" if total else "no new failures")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(old: Report, new: Report, diffs: Sequence[PairDiff]) -> list[str]:
    """The same diff as Markdown, for a pull request comment or a CI step summary."""
    lines = [
        "### Conformance diff",
        "",
        f"Old: `{old.path.name}` ({old.suite_label}); new: `{new.path.name}` ({new.suite_label}).",
    ]
    for pair in diffs:
        lines += ["", f"#### {_cell(pair.label())}", ""]
        if not pair.changes:
            lines.append(f"No changes in {pair.compared} specs.")
            continue
        table = _table(pair)
        lines.append("| " + " | ".join(table[0]) + " |")
        lines.append("| --- |" + " ---: |" * len(KINDS))
        for row in table[1:]:
            label = "**total**" if row[0] == "total" else row[0]
            lines.append("| " + " | ".join([label, *row[1:]]) + " |")
        for kind in KINDS:
            changes = pair.of_kind(kind)
            if not changes:
                continue
            lines += ["", f"**{HEADINGS[kind].capitalize()} ({len(changes)})**", ""]
            for change in changes:
                before, after = describe(change.old), describe(change.new)
                lines.append(f"- `{change.spec_id}`: {_cell(before)} → {_cell(after)}")
    return lines
