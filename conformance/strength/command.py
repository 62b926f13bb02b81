"""The ``conformance strength`` command: the suite's mutation score against a reference."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from conformance.paths import FIXTURES_DIR
from conformance.plugin import DEFAULT_TIMEOUT
from conformance.strength.report import render, scores
from conformance.strength.runner import (
    ERROR,
    MutantResult,
    StrengthError,
    load_equivalents,
    load_kills,
    measure_strength,
    to_json,
)

EQUIVALENTS_FILE = FIXTURES_DIR / "strength" / "equivalent.txt"


class _BadInput(click.ClickException):
    exit_code = 2


@click.command("strength")
@click.option(
    "--reference", default="flask", show_default=True,
    help="The installed package whose source is mutated (the suite must pass on it).",
)  # fmt: skip
@click.option(
    "--sample", type=click.IntRange(min=1), help="Mutants to draw (default: all of them)."
)
@click.option(
    "--module", "modules", multiple=True, metavar="NAME",
    help="Draw only mutants of this module of the package (e.g. cli.py, sansio/app.py); "
    "repeatable. Without --sample every mutant of the modules runs.",
)  # fmt: skip
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the sample.")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
    help="Mutants run at once, each in its own pytest process.",
)  # fmt: skip
@click.option(
    "--spec-timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
    help="A spec running longer is stopped; its mutant counts as killed.",
)  # fmt: skip
@click.option(
    "--equivalents", "equivalents_path", type=click.Path(path_type=Path),
    default=EQUIVALENTS_FILE, show_default="fixtures/strength/equivalent.txt",
    help="Reviewed equivalent mutants (one '<id> <reason>' a line), left out of the score.",
)  # fmt: skip
@click.option(
    "--line-map", "line_map_path", type=click.Path(path_type=Path),
    help="Keep the line -> specs map here and reuse it while the specs and reference are unchanged.",
)  # fmt: skip
@click.option(
    "--keep-kills", "kills_path", type=click.Path(path_type=Path, exists=True, dir_okay=False),
    metavar="FILE",
    help="A JSON report of an earlier run: its killed mutants count as killed without running "
    "again (right when specs were only added since), so only the others run.",
)  # fmt: skip
@click.option(
    "--json", "json_path", type=click.Path(path_type=Path), metavar="FILE",
    help="Write every sampled mutant and the scores as JSON.",
)  # fmt: skip
def strength_command(
    reference: str,
    sample: int | None,
    modules: tuple[str, ...],
    seed: int,
    jobs: int,
    spec_timeout: float,
    equivalents_path: Path,
    line_map_path: Path | None,
    kills_path: Path | None,
    json_path: Path | None,
) -> None:
    """Score the suite by the mutants of REFERENCE's source it kills.

    Each sampled mutant changes one spot of a copy of the installed package
    (an operator, a constant, a return value, a statement or a branch) and
    runs only the specs that execute that spot. Exit status 1 when a mutant
    could not be run at all.
    """
    try:
        equivalents = load_equivalents(equivalents_path)
        killed_before = load_kills(kills_path) if kills_path is not None else None
    except StrengthError as error:
        raise _BadInput(str(error)) from None

    def progress(done: int, total: int, result: MutantResult) -> None:
        click.echo(
            f"[{done}/{total}] {result.outcome}: {result.id} ({result.seconds:g}s)", err=True
        )

    try:
        run = measure_strength(
            reference, sample, seed, jobs, spec_timeout, equivalents, line_map_path, progress,
            killed_before, list(modules),
        )  # fmt: skip
    except StrengthError as error:
        raise _BadInput(str(error)) from None
    figures = scores(run)
    click.echo("\n".join(render(run, figures)))
    if json_path is not None:
        json_path.write_text(json.dumps(to_json(run, figures), indent=2) + "\n", encoding="utf-8")
    if any(result.outcome == ERROR for result in run.results):
        raise click.exceptions.Exit(1)
