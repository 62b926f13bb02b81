"""Markdown: each target's area table and its unexpected results, for a CI step summary.

GitHub caps a step summary at 1 MiB and long pages bury the point, so the
lists are capped (:data:`MAX_LISTED` results per target, messages cut to
:data:`MAX_MESSAGE` characters) and say how many were left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.formats import ordered_targets, target_label, total_of
from conformance.report import COLUMNS, LABELS
from conformance.results import AreaTally, SpecResult, suite_facts, tally

MAX_LISTED = 30
MAX_MESSAGE = 200


def _inline_code(text: str) -> str:
    """*text* as a code span: nothing in it is read as Markdown or HTML."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    # A backtick would close the span; a lone one cannot be escaped inside it.
    return "`" + text.replace("`", "'") + "`"


def _row(label: str, counts: AreaTally) -> str:
    return "| " + " | ".join([label, *(str(getattr(counts, c)) for c in COLUMNS)]) + " |"


def _target_section(name: str, facts: dict, mine: list[SpecResult]) -> list[str]:
    total = total_of(mine)
    unexpected = [result for result in mine if result.unexpected]
    verdict = (
        f"{len(unexpected)} unexpected results" if unexpected else "results match the expectations"
    )
    lines = [
        f"### {target_label(name, facts)}",
        "",
        f"{total.passed} of {total.specs} specs behave as specified; {verdict}.",
        "",
    ]
    if facts.get("error"):
        lines += [f"Target error: {_inline_code(facts['error'])}", ""]
    if mine:
        lines.append("| area | " + " | ".join(COLUMNS) + " |")
        lines.append("| --- |" + " ---: |" * len(COLUMNS))
        lines += [_row(area, counts) for area, counts in tally(mine).items()]
        lines += [_row("**total**", total), ""]
    if unexpected:
        lines += [f"Unexpected results on {name} ({len(unexpected)}):", ""]
        for result in unexpected[:MAX_LISTED]:
            message = f": {_inline_code(result.message)}" if result.message else ""
            lines.append(f"- **{LABELS[result.outcome]}** {_inline_code(result.id)}{message}")
        if len(unexpected) > MAX_LISTED:
            left_out = len(unexpected) - MAX_LISTED
            lines.append(f"- … and {left_out} more, not shown here (see the JSON or HTML report)")
        lines.append("")
    incidents = facts.get("incidents") or []
    if incidents:
        lines += [f"Incidents on {name} ({len(incidents)}):", ""]
        lines += [f"- {_inline_code(incident)}" for incident in incidents[:MAX_LISTED]]
        if len(incidents) > MAX_LISTED:
            lines.append(f"- … and {len(incidents) - MAX_LISTED} more, not shown here")
        lines.append("")
    return lines


def render(targets: dict[str, dict], results: Sequence[SpecResult]) -> str:
    """The Markdown summary of every target's records."""
    suite = suite_facts()
    lines = [f"## Conformance results ({suite['name']} {suite['version']})", ""]
    for name in ordered_targets(targets, results):
        mine = [result for result in results if result.target == name]
        lines += _target_section(name, targets.get(name) or {}, mine)
    return "\n".join(lines).rstrip() + "\n"
