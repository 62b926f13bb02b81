"""Scores and the printed report of a strength run.

The score of a set of mutants is ``killed / (sampled - equivalent)``: a
mutant no spec executes ("no coverage") counts against the suite like a
survivor, and only mutants reviewed as equivalent (no observable change,
listed with a reason in ``fixtures/strength/equivalent.txt``) leave the
denominator.

A second figure, the behaviour score, also leaves out "wording" mutants: a
string constant holding a sentence (an error message, a help text) wrapped
in ``XX``. The suite checks the facts a message carries (names, values,
types), not Flask's wording, which other implementations may phrase in their
own words (the house rules ask impl to), so these mutants survive by design.
"""

from __future__ import annotations

import ast

from conformance.strength.runner import (
    EQUIVALENT,
    ERROR,
    NO_COVERAGE,
    SURVIVED,
    TIMEOUT,
    MutantResult,
    StrengthRun,
)


def is_wording(result: MutantResult) -> bool:
    """A changed string constant holding a sentence: a message's wording, not a fact."""
    if result.operator != "constant":
        return False
    try:
        value = ast.literal_eval(f"({result.original})")  # implicit concatenation spans lines
    except (ValueError, SyntaxError):
        return False
    return isinstance(value, str) and " " in value.strip()


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def _figures(results: list[MutantResult]) -> dict:
    killed = sum(result.killed for result in results)
    equivalent = sum(result.outcome == EQUIVALENT for result in results)
    counted = len(results) - equivalent
    behaviour = [r for r in results if r.outcome != EQUIVALENT and not is_wording(r)]
    return {
        "sampled": len(results),
        "equivalent": equivalent,
        "killed": killed,
        "timeout": sum(result.outcome == TIMEOUT for result in results),
        "survived": sum(result.outcome == SURVIVED for result in results),
        "no_coverage": sum(result.outcome == NO_COVERAGE for result in results),
        "error": sum(result.outcome == ERROR for result in results),
        "wording": sum(is_wording(result) for result in results),
        "score": _percent(killed, counted),
        "behaviour_score": _percent(sum(r.killed for r in behaviour), len(behaviour)),
    }


def scores(run: StrengthRun) -> dict:
    """Figures per module and overall."""
    modules: dict[str, list[MutantResult]] = {}
    for result in run.results:
        modules.setdefault(result.module, []).append(result)
    return {
        "overall": _figures(run.results),
        "modules": {name: _figures(results) for name, results in sorted(modules.items())},
    }


def render(run: StrengthRun, figures: dict) -> list[str]:
    """The report as lines: the table of scores, then every mutant the suite let through."""
    lines = [
        f"suite strength against {run.reference} {run.version}: {run.sample} of {run.population} "
        f"mutants (seed {run.seed}), {run.jobs} jobs, {run.seconds:g}s",
        "",
    ]
    if run.modules:
        lines[-1:-1] = [f"modules: {', '.join(run.modules)}"]
    if run.carried_over:
        lines[-1:-1] = [f"{run.carried_over} kills carried over from an earlier run (--keep-kills)"]
    rows = [*figures["modules"].items(), ("TOTAL", figures["overall"])]
    width = max(len(name) for name, _ in rows) + 2
    lines.append(
        f"{'module':<{width}}{'mutants':>8}{'equiv':>7}{'killed':>8}{'survived':>10}"
        f"{'no cov':>8}{'error':>7}{'score':>8}{'wording':>9}{'behaviour':>11}"
    )
    for name, row in rows:
        lines.append(
            f"{name:<{width}}{row['sampled']:>8}{row['equivalent']:>7}{row['killed']:>8}"
            f"{row['survived']:>10}{row['no_coverage']:>8}{row['error']:>7}{row['score']:>7.1f}%"
            f"{row['wording']:>9}{row['behaviour_score']:>10.1f}%"
        )
    if run.failing_specs:
        lines += ["", f"specs failing on unmutated {run.reference}, left out of the measurement:"]
        lines += [f"  {spec}" for spec in run.failing_specs]
    let_through = [
        result for result in run.results if result.outcome in (SURVIVED, NO_COVERAGE, ERROR)
    ]
    if let_through:
        lines += ["", "mutants the suite lets through:"]
        for result in let_through:
            original = " ".join(result.original.split())
            original = original if len(original) <= 60 else original[:57] + "..."
            kind = f"{result.outcome}, wording" if is_wording(result) else result.outcome
            lines.append(f"  {result.id} [{kind}] {original!r} -> {result.replacement!r}")
    return lines
