"""Terminal views of the result model: the run summary and the side-by-side comparison.

Each function returns lines, so the pytest plugin and the command render the
same text from the same records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from conformance.results import (
    EXPECTED_FAILURE,
    UNSUPPORTED,
    AreaTally,
    SpecResult,
    tally,
)

COLUMNS = ("specs", "passed", "failed", "expected", "errors", "unsupported")
LABELS = {
    "failed": "FAILED",
    "error": "ERROR",
    "timeout": "TIMEOUT",
    "unexpected-pass": "UNEXPECTED PASS",
}


def _row(name: str, counts: AreaTally, width: int) -> str:
    cells = "".join(f"{getattr(counts, column):>12}" for column in COLUMNS)
    return f"{name:<{width}}{cells}"


def _total(tallies: dict[str, AreaTally]) -> AreaTally:
    total = AreaTally()
    for counts in tallies.values():
        for column in (*COLUMNS, "unexpected_passes"):
            setattr(total, column, getattr(total, column) + getattr(counts, column))
    return total


def render_run_summary(
    results: Sequence[SpecResult], target_names: Sequence[str], versions: dict | None = None
) -> list[str]:
    """One table per target (area by area) and the list of unexpected results."""
    lines: list[str] = []
    for name in target_names:
        mine = [result for result in results if result.target == name]
        if not mine:
            continue
        tallies = tally(mine)
        width = max(len("total"), *(len(area) for area in tallies)) + 2
        version = (versions or {}).get(name)
        lines.append("")
        lines.append(f"target {name}" + (f" ({version})" if version else ""))
        lines.append(f"{'area':<{width}}" + "".join(f"{column:>12}" for column in COLUMNS))
        lines += [_row(area, counts, width) for area, counts in tallies.items()]
        lines.append(_row("total", _total(tallies), width))
        lines += render_unexpected(mine, name)
    return lines


def render_unexpected(results: Sequence[SpecResult], name: str) -> list[str]:
    """The results of target *name* that disagree with its expectations file."""
    unexpected = [result for result in results if result.target == name and result.unexpected]
    if not unexpected:
        return [f"{name}: results match the expectations"]
    lines = [f"unexpected results on {name} ({len(unexpected)}):"]
    for result in unexpected:
        lines.append(f"  {LABELS[result.outcome]:<16}{result.id}")
        if result.message:
            lines.append(f"  {'':<16}{result.message}")
    return lines


def render_comparison(
    results: Sequence[SpecResult], first: str, second: str, versions: dict | None = None
) -> list[str]:
    """Both targets in one table, area by area, then every spec they disagree on."""
    versions = versions or {}
    left = tally(result for result in results if result.target == first)
    right = tally(result for result in results if result.target == second)
    areas = sorted(set(left) | set(right))
    width = max(len("total"), *(len(area) for area in areas), 4) + 2
    cells_width = {column: max(9, len(column) + 1) for column in COLUMNS}
    block = sum(cells_width.values())

    def heading(name: str) -> str:
        version = versions.get(name)
        text = f"{name} ({version})" if version else name
        return f"{text:^{block}}"

    def cells(counts: AreaTally | None) -> str:
        if counts is None:
            return "".join(f"{'-':>{cells_width[column]}}" for column in COLUMNS)
        return "".join(f"{getattr(counts, column):>{cells_width[column]}}" for column in COLUMNS)

    lines = [
        f"{'':<{width}}{heading(first)}  |{heading(second)}",
        f"{'area':<{width}}"
        + "".join(f"{c:>{cells_width[c]}}" for c in COLUMNS)
        + "  |"
        + "".join(f"{c:>{cells_width[c]}}" for c in COLUMNS),
    ]
    disagreements = disagreements_between(results, first, second)
    differing = {spec_id.split("/")[0] for spec_id, _ in disagreements}
    for area in areas:
        marker = "   ≠" if area in differing else ""
        lines.append(f"{area:<{width}}{cells(left.get(area))}  |{cells(right.get(area))}{marker}")
    lines.append(f"{'total':<{width}}{cells(_total(left))}  |{cells(_total(right))}")

    lines.append("")
    for name in (first, second):
        lines += render_unexpected(results, name)
    lines.append("")
    if not disagreements:
        lines.append(f"{first} and {second} agree on every spec")
        return lines
    # Specs one side does not support at all are one line per capability, not
    # one per spec: the reason is the adapter's, the same for all of them.
    unsupported = _unsupported_groups(disagreements)
    listed = [pair for pair in disagreements if _unsupported_side(pair[1]) is None]
    lines.append(f"{first} and {second} disagree on {_specs(len(disagreements))}:")
    for (name, message), count in unsupported.items():
        other = second if name == first else first
        lines.append(
            f"  {name}: {_specs(count)} unsupported ({message}); {other} behaves as specified"
        )
    for spec_id, (mine, theirs) in listed:
        lines.append(f"  {spec_id}")
        for result in (mine, theirs):
            if result is None:
                continue
            verdict = "behaves as specified" if result.behaves else _describe(result)
            lines.append(f"      {result.target}: {verdict}")
        lines += render_evidence(mine, theirs)
    return lines


#: Characters of one side's column in the evidence block, and the most rows one line wraps to.
EVIDENCE_COLUMN = 60
EVIDENCE_ROWS = 4
#: Equal lines shown around each differing one; longer equal stretches are elided.
EVIDENCE_CONTEXT = 3


def render_evidence(mine: SpecResult | None, theirs: SpecResult | None) -> list[str]:
    """Two results' evidence side by side, ``≠`` before each line that differs.

    Empty when neither result carries evidence. Only the lines near a
    difference are shown (:data:`EVIDENCE_CONTEXT`), as in a diff; a long line
    (a body) wraps within its column, to at most :data:`EVIDENCE_ROWS` rows.
    The whole evidence is in ``--json`` and the HTML report.
    """
    if (mine is None or mine.evidence is None) and (theirs is None or theirs.evidence is None):
        return []
    from conformance.evidence import side_by_side

    names = [result.target if result else "-" for result in (mine, theirs)]
    width = EVIDENCE_COLUMN
    rows = side_by_side(mine.evidence if mine else None, theirs.evidence if theirs else None)
    differing = [index for index, row in enumerate(rows) if row[2]]
    if not differing:
        return [f"      evidence: the same {len(rows)} lines on {names[0]} and {names[1]}"]
    shown = {
        index
        for at in differing
        for index in range(at - EVIDENCE_CONTEXT, at + EVIDENCE_CONTEXT + 1)
        if 0 <= index < len(rows)
    }
    # A gap of one line takes as much room as its "… equal lines" note: show it.
    shown |= {index for index in range(1, len(rows) - 1) if {index - 1, index + 1} <= shown}
    lines = [f"      evidence ({names[0]} | {names[1]}; ≠ marks lines that differ):"]
    for position, (left, right, differ) in enumerate(rows):
        if position not in shown:
            if position - 1 in shown or position == 0:
                hidden = next((i for i in range(position, len(rows)) if i in shown), len(rows))
                lines.append(f"        … {hidden - position} equal lines")
            continue
        marker = "≠" if differ else " "
        left_rows, right_rows = _wrap(left, width), _wrap(right, width)
        for index in range(max(len(left_rows), len(right_rows))):
            first = left_rows[index] if index < len(left_rows) else ""
            second = right_rows[index] if index < len(right_rows) else ""
            lead = marker if index == 0 else " "
            lines.append(f"      {lead} {first:<{width}} | {second}".rstrip())
    return lines


def _wrap(line: str, width: int) -> list[str]:
    rows = [line[start : start + width] for start in range(0, len(line), width)] or [""]
    if len(rows) > EVIDENCE_ROWS:
        rows = rows[:EVIDENCE_ROWS]
        rows[-1] = rows[-1][: width - 1] + "…"
    return rows


def keep_evidence_of_disagreements(
    results: Sequence[SpecResult], first: str, second: str
) -> list[SpecResult]:
    """The records, with evidence dropped from every spec on which *first* and *second* agree."""
    differing = {spec_id for spec_id, _ in disagreements_between(results, first, second)}
    return [
        result
        if result.evidence is None or result.id in differing
        else replace(result, evidence=None)
        for result in results
    ]


def _specs(count: int) -> str:
    return f"{count} spec" if count == 1 else f"{count} specs"


def _unsupported_side(pair: tuple[SpecResult | None, SpecResult | None]) -> SpecResult | None:
    """The side of a disagreement graded ``unsupported`` (the other side ran the spec)."""
    for result in pair:
        if result is not None and result.outcome == UNSUPPORTED:
            return result
    return None


def _unsupported_groups(
    disagreements: list[tuple[str, tuple[SpecResult | None, SpecResult | None]]],
) -> dict[tuple[str, str], int]:
    """How many disagreements each (target, unsupported message) accounts for."""
    groups: dict[tuple[str, str], int] = {}
    for _, pair in disagreements:
        side = _unsupported_side(pair)
        if side is not None:
            key = (side.target, side.message or UNSUPPORTED)
            groups[key] = groups.get(key, 0) + 1
    return groups


def _describe(result: SpecResult) -> str:
    outcome = "failed" if result.outcome == EXPECTED_FAILURE else result.outcome
    return f"{outcome}: {result.message}" if result.message else outcome


def disagreements_between(
    results: Sequence[SpecResult], first: str, second: str
) -> list[tuple[str, tuple[SpecResult | None, SpecResult | None]]]:
    """Specs on which one target shows the behaviour and the other does not."""
    by_id: dict[str, dict[str, SpecResult]] = {}
    for result in results:
        if result.target in (first, second):
            by_id.setdefault(result.id, {})[result.target] = result
    out = []
    for spec_id in sorted(by_id):
        pair = by_id[spec_id]
        mine, theirs = pair.get(first), pair.get(second)
        if mine is None or theirs is None or mine.behaves != theirs.behaves:
            out.append((spec_id, (mine, theirs)))
    return out


def _matrix_cell(counts: AreaTally | None) -> str:
    """``passed/failed/unsupported/errors`` of one area on one target."""
    if counts is None:
        return "-"
    failed = counts.failed + counts.expected
    return f"{counts.passed}/{failed}/{counts.unsupported}/{counts.errors}"


def _percent_passed(counts: AreaTally) -> str:
    return f"{100 * counts.passed / counts.specs:.1f}%" if counts.specs else "-"


def _matrix_rows(
    results: Sequence[SpecResult], names: Sequence[str], versions: dict | None
) -> tuple[list[str], list[list[str]]]:
    versions = versions or {}
    tallies = {name: tally(r for r in results if r.target == name) for name in names}
    areas = sorted({area for counts in tallies.values() for area in counts})
    header = ["area"] + [
        f"{name} {versions[name]}" if versions.get(name) else name for name in names
    ]
    rows = [[area] + [_matrix_cell(tallies[name].get(area)) for name in names] for area in areas]
    totals = {name: _total(tallies[name]) for name in names}
    rows.append(["total"] + [_matrix_cell(totals[name]) for name in names])
    rows.append(["passed"] + [_percent_passed(totals[name]) for name in names])
    return header, rows


def render_matrix(
    results: Sequence[SpecResult], names: Sequence[str], versions: dict | None = None
) -> list[str]:
    """Areas × targets, each cell passed/failed/unsupported/errors, then percent passed.

    Expected failures count as failed here: the matrix says what each target
    does, not whether it meets its own expectations (the lines after it do).
    """
    header, rows = _matrix_rows(results, names, versions)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["cells: passed/failed/unsupported/errors", ""]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
    return lines


def render_matrix_markdown(
    results: Sequence[SpecResult],
    names: Sequence[str],
    versions: dict | None = None,
    title: str = "Conformance matrix",
) -> list[str]:
    """The matrix as a Markdown table, sized for a CI step summary or a README."""
    header, rows = _matrix_rows(results, names, versions)
    lines = [f"### {title}", "", "Cells: passed / failed / unsupported / errors.", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- |" + " ---: |" * (len(header) - 1))
    for row in rows:
        label = f"**{row[0]}**" if row[0] in ("total", "passed") else row[0]
        lines.append("| " + " | ".join([label, *row[1:]]) + " |")
    return lines
