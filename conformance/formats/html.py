"""HTML: one static page, self-contained (inline CSS and JS, nothing fetched).

The page holds an areas × targets table (counts, coloured: green when every
spec behaves, yellow when only known failures or unsupported specs remain, red
when a result disagrees with the expectations), then one row per spec and
target, filterable by outcome, area, target and spec id. A row that did not
pass opens to its message, the expectations file's reason and its evidence;
when another target recorded evidence for the same spec, the two are shown
side by side with the differing lines marked.

Every value from the records is escaped and lives in the markup; the script is
a constant and reads the markup, so no record can inject code. The page opens
a spec's panels itself, listing that spec alone, when its URL ends with
``#expand=<spec id>`` (the id URL-encoded): each panel's "link" points there.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from conformance.evidence import evidence_lines, side_by_side
from conformance.formats import (
    clean_text,
    ordered_targets,
    target_label,
    total_of,
)
from conformance.results import OUTCOMES, PASSED, AreaTally, SpecResult, suite_facts, tally


def _e(value: object) -> str:
    return escape(clean_text(value), quote=True)


def _grade(counts: AreaTally) -> str:
    """The colour of a summary cell: it never decides an outcome, only reads the tally."""
    if counts.failed or counts.errors or counts.unexpected_passes:
        return "bad"
    if counts.passed < counts.specs:
        return "known"
    return "good"


def _cell(counts: AreaTally | None, area: str, target: str) -> str:
    if counts is None:
        return '<td class="none">-</td>'
    parts = [
        f"{value} {label}"
        for value, label in (
            (counts.failed, "failed"),
            (counts.expected, "expected"),
            (counts.errors, "errors"),
            (counts.unsupported, "unsupported"),
        )
        if value
    ]
    detail = f"<small>{_e(' · '.join(parts))}</small>" if parts else ""
    return (
        f'<td class="{_grade(counts)}"><a href="#results" class="pick" data-area="{_e(area)}"'
        f' data-target="{_e(target)}">{counts.passed}/{counts.specs}</a>{detail}</td>'
    )


def _summary(targets: dict[str, dict], results: Sequence[SpecResult], names: list[str]) -> str:
    tallies = {name: tally(r for r in results if r.target == name) for name in names}
    areas = sorted({area for counts in tallies.values() for area in counts})
    head = "".join(f"<th>{_e(target_label(name, targets.get(name)))}</th>" for name in names)
    rows = [
        f'<tr><th scope="row">{_e(area)}</th>'
        + "".join(_cell(tallies[name].get(area), area, name) for name in names)
        + "</tr>"
        for area in areas
    ]
    totals = "".join(
        _cell(total_of(r for r in results if r.target == name), "", name) for name in names
    )
    rows.append(f'<tr class="total"><th scope="row">total</th>{totals}</tr>')
    return (
        '<table id="summary"><caption>passed/specs per area; click a cell to list its'
        f" results</caption><thead><tr><th>area</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _filters(results: Sequence[SpecResult], names: list[str]) -> str:
    counts = {outcome: 0 for outcome in OUTCOMES}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    boxes = "".join(
        f'<label class="o-{_e(outcome)}"><input type="checkbox" name="outcome"'
        f' value="{_e(outcome)}"{"" if outcome == PASSED else " checked"}>'
        f" {_e(outcome)} ({count})</label>"
        for outcome, count in counts.items()
        if count
    )
    areas = sorted({result.area for result in results})
    area_options = "".join(f'<option value="{_e(a)}">{_e(a)}</option>' for a in areas)
    target_options = "".join(f'<option value="{_e(n)}">{_e(n)}</option>' for n in names)
    return (
        '<form id="filters" onsubmit="return false">'
        f"<fieldset><legend>outcome</legend>{boxes}</fieldset>"
        '<label>area <select id="area-filter"><option value="">all</option>'
        f"{area_options}</select></label>"
        '<label>target <select id="target-filter"><option value="">all</option>'
        f"{target_options}</select></label>"
        '<label>spec <input id="text-filter" type="search" placeholder="part of an id"></label>'
        '</form><p id="shown"></p>'
    )


def _evidence(
    result: SpecResult, others: list[SpecResult], targets: dict[str, dict], order: dict[str, int]
) -> list[str]:
    if not result.evidence:
        return ['<p class="none">no evidence recorded</p>']
    # Side by side with another target's evidence, preferring a target that behaves.
    with_evidence = sorted(
        (other for other in others if other.evidence), key=lambda other: not other.behaves
    )
    if not with_evidence:
        text = "\n".join(evidence_lines(result.evidence))
        return [f'<pre class="evidence">{_e(text)}</pre>']
    # Columns in the order the targets ran, so every panel of a page reads alike.
    left, right = sorted((with_evidence[0], result), key=lambda one: order.get(one.target, 0))
    rows = "".join(
        f'<tr{" class=differs" if differs else ""}><td class="mark">{"≠" if differs else ""}</td>'
        f"<td>{_e(left_line)}</td><td>{_e(right_line)}</td></tr>"
        for left_line, right_line, differs in side_by_side(left.evidence, right.evidence)
    )
    head = "".join(
        f"<th>{_e(target_label(one.target, targets.get(one.target)))}: {_e(one.outcome)}</th>"
        for one in (left, right)
    )
    return [
        f'<table class="side-by-side"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    ]


def _panel(
    result: SpecResult, others: list[SpecResult], targets: dict[str, dict], order: dict[str, int]
) -> str:
    parts = [f'<a class="link" href="#expand={_e(quote(result.id, safe=""))}">link</a>']
    if result.message:
        parts.append(f'<pre class="message">{_e(result.message)}</pre>')
    if result.expected:
        parts.append(f"<p>expectations file: {_e(result.expected)}</p>")
    if others:
        elsewhere = ", ".join(f"{other.target} {other.outcome}" for other in others)
        parts.append(f"<p>on the other targets: {_e(elsewhere)}</p>")
    parts += _evidence(result, others, targets, order)
    return "".join(parts)


def _rows(results: Sequence[SpecResult], targets: dict[str, dict], names: list[str]) -> str:
    order = {name: index for index, name in enumerate(names)}
    by_spec: dict[str, list[SpecResult]] = {}
    for result in results:
        by_spec.setdefault(result.id, []).append(result)
    rows = []
    # A spec's records next to each other, targets in the order they ran.
    for result in sorted(results, key=lambda one: (one.id, order.get(one.target, 0))):
        spec = f"<code>{_e(result.id)}</code>"
        if result.outcome != PASSED or result.evidence or result.message:
            others = [other for other in by_spec[result.id] if other is not result]
            spec = (
                f'<details data-spec="{_e(result.id)}" data-target="{_e(result.target)}">'
                f'<summary>{spec}</summary><div class="panel">'
                f"{_panel(result, others, targets, order)}</div></details>"
            )
        rows.append(
            f'<tr data-outcome="{_e(result.outcome)}" data-area="{_e(result.area)}"'
            f' data-target="{_e(result.target)}" data-spec="{_e(result.id)}">'
            f'<td><span class="outcome o-{_e(result.outcome)}">{_e(result.outcome)}</span></td>'
            f"<td>{_e(result.target)}</td><td>{_e(result.area)}</td><td>{spec}</td>"
            f'<td class="num">{result.duration or 0:.3f}</td></tr>'
        )
    return (
        '<table id="results"><thead><tr><th>outcome</th><th>target</th><th>area</th>'
        f"<th>spec</th><th>seconds</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _incidents(targets: dict[str, dict], names: list[str]) -> str:
    items = []
    for name in names:
        facts = targets.get(name) or {}
        if facts.get("error"):
            items.append(f"<li>{_e(name)}: target error: {_e(facts['error'])}</li>")
        items += [f"<li>{_e(name)}: {_e(line)}</li>" for line in facts.get("incidents") or []]
    if not items:
        return ""
    return f'<section id="incidents"><h2>Incidents</h2><ul>{"".join(items)}</ul></section>'


def render(targets: dict[str, dict], results: Sequence[SpecResult]) -> str:
    """The whole page for every target's records."""
    suite = suite_facts()
    names = ordered_targets(targets, results)
    title = f"{suite['name']} {suite['version']}: " + ", ".join(
        target_label(name, targets.get(name)) for name in names
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f"{_summary(targets, results, names)}{_incidents(targets, names)}"
        f"<h2>Results</h2>{_filters(results, names)}{_rows(results, targets, names)}"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
caption { caption-side: bottom; color: #555; font-size: 0.9em; text-align: left; }
#summary td { text-align: right; min-width: 8em; }
#summary td small { display: block; color: #333; }
#summary tr.total th, #summary tr.total td { font-weight: bold; }
td.good { background: #d5f2da; } td.known { background: #fff1bd; } td.bad { background: #ffd3d0; }
td.none { color: #888; }
a.pick { color: inherit; }
#filters { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: center; }
#filters fieldset { border: 1px solid #ccc; }
#filters label { margin-right: 0.8em; white-space: nowrap; }
#shown { color: #555; }
.outcome { padding: 0 0.4em; border-radius: 3px; white-space: nowrap; }
.o-passed { background: #d5f2da; } .o-unexpected-pass { background: #ffd3d0; }
.o-failed, .o-error, .o-timeout { background: #ffd3d0; }
.o-expected-failure, .o-unsupported, .o-skipped { background: #fff1bd; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; }
.panel { margin: 0.4em 0 0.4em 1em; max-width: 110em; }
pre, .side-by-side td { font: 12px/1.35 ui-monospace, monospace; white-space: pre-wrap;
  word-break: break-word; }
pre { background: #f5f5f5; padding: 0.5em; margin: 0.3em 0; }
.side-by-side td { width: 50%; } .side-by-side td.mark { width: 1em; color: #b00; }
.side-by-side tr.differs td { background: #fff0d9; }
a.link { float: right; font-size: 0.85em; }
"""

SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#results > tbody > tr"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=outcome]"));
  var area = document.getElementById("area-filter");
  var target = document.getElementById("target-filter");
  var text = document.getElementById("text-filter");
  var shown = document.getElementById("shown");
  function apply() {
    var outcomes = {};
    boxes.forEach(function (box) { if (box.checked) { outcomes[box.value] = true; } });
    var needle = text.value.trim();
    var count = 0;
    rows.forEach(function (row) {
      var visible = outcomes[row.dataset.outcome] === true
        && (!area.value || row.dataset.area === area.value)
        && (!target.value || row.dataset.target === target.value)
        && (!needle || row.dataset.spec.indexOf(needle) !== -1);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = "showing " + count + " of " + rows.length + " results";
  }
  function expandFromHash() {
    var match = /^#expand=(.+)$/.exec(window.location.hash);
    if (!match) { return; }
    var spec = decodeURIComponent(match[1]);
    var first = null;
    rows.forEach(function (row) {
      if (row.dataset.spec !== spec) { return; }
      var details = row.querySelector("details");
      if (details) { details.open = true; }
      first = first || row;
    });
    if (!first) { return; }
    // List just this spec, on every target, whatever its outcome.
    boxes.forEach(function (box) { box.checked = true; });
    area.value = ""; target.value = ""; text.value = spec;
    apply();
    first.scrollIntoView();
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  [area, target].forEach(function (select) { select.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  Array.prototype.forEach.call(document.querySelectorAll("a.pick"), function (link) {
    link.addEventListener("click", function () {
      area.value = link.dataset.area; target.value = link.dataset.target; apply();
    });
  });
  window.addEventListener("hashchange", expandFromHash);
  apply();
  expandFromHash();
  document.body.dataset.ready = "yes";
})();
"""
