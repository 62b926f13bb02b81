"""``conformance fuzz``: differential fuzzing of a target against Flask.

Kept beside the fuzzer so the main command module only registers it; the
fuzzer itself (and Hypothesis) is imported when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

#: Exit statuses, as the rest of the command: 1 a divergence or a failing case, 2 bad input.
DIVERGED = 1
BAD_INPUT = 2


@click.command(name="fuzz")
@click.argument("target", required=False)
@click.option("--vs", default="flask", show_default=True, help="The reference target.")
@click.option("--examples", type=click.IntRange(min=1), default=None, help="Cases to try.")
@click.option("--seed", type=int, default=None, help="Hypothesis seed (drops derandomize).")
@click.option(
    "--profile",
    type=click.Choice(["ci", "deep"]),
    default="ci",
    show_default=True,
    help="ci: 100 derandomized cases; deep: 2,000 cases from a random or given seed.",
)
@click.option("--replay", is_flag=True, help="Re-run the corpus: each case FIXED or FAILING.")
@click.option(
    "--promote", "promote_id", metavar="ID", default=None, help="Write case ID as a spec."
)
@click.option("--area", default="routing", show_default=True, help="With --promote: the area.")
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Corpus folder (default: fixtures/fuzz/corpus).",
)
@click.option(
    "--specs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --promote: the specs folder (default: conformance/specs).",
)
@click.option("--no-save", is_flag=True, help="Do not save a divergence to the corpus.")
def fuzz(
    target: str | None,
    vs: str,
    examples: int | None,
    seed: int | None,
    profile: str,
    replay: bool,
    promote_id: str | None,
    area: str,
    corpus_dir: Path | None,
    specs_dir: Path | None,
    no_save: bool,
) -> None:
    """Build the same generated apps on TARGET and on --vs, send both the same requests,
    and report the first divergence, shrunk, as a runnable reproduction."""
    from conformance.fuzz import corpus
    from conformance.targets import TargetError

    directory = corpus_dir or corpus.CORPUS_DIR
    try:
        if promote_id is not None:
            path = corpus.promote(
                promote_id, area, directory=directory, specs_dir=specs_dir or corpus.SPECS_DIR
            )
            click.echo(f"wrote {path}")
            return
        if target is None:
            raise click.UsageError("a TARGET is needed (or --promote ID)")
        if replay:
            _replay(target, vs, directory)
            return
        _fuzz(target, vs, profile, examples, seed, directory, no_save)
    except (TargetError, FileNotFoundError) as error:
        click.echo(f"conformance: error: {error}", err=True)
        sys.exit(BAD_INPUT)


def _replay(target: str, vs: str, directory: Path) -> None:
    from conformance.fuzz import corpus

    graded = corpus.replay(target, vs, directory)
    for identifier, fixed, found in graded:
        click.echo(f"{identifier}  {'FIXED' if fixed else 'FAILING'}")
        for line in found:
            click.echo(f"    {line}")
    failing = sum(1 for _, fixed, _ in graded if not fixed)
    click.echo(f"{len(graded)} cases: {len(graded) - failing} fixed, {failing} failing")
    if failing:
        sys.exit(DIVERGED)


def _fuzz(
    target: str,
    vs: str,
    profile: str,
    examples: int | None,
    seed: int | None,
    directory: Path,
    no_save: bool,
) -> None:
    from conformance.fuzz import corpus
    from conformance.fuzz.engine import fuzz as run_fuzz

    outcome = run_fuzz(target, vs, profile=profile, examples=examples, seed=seed)
    rate = outcome.examples / outcome.seconds * 60 if outcome.seconds else 0.0
    click.echo(
        f"{target} vs {vs}: {outcome.examples} examples in {outcome.seconds:.1f} s "
        f"({rate:.0f} a minute), profile {profile}, seed {seed}"
    )
    if outcome.case is None:
        click.echo("no divergence")
        return
    click.echo(f"DIVERGENCE {outcome.case_id}:")
    for line in outcome.differences:
        click.echo(f"  {line}")
    click.echo("reproduction:")
    click.echo(corpus.reproduction(outcome.case, vs))
    if not no_save:
        path = corpus.save(
            outcome.case,
            outcome.differences,
            target=target,
            vs=vs,
            seed=seed,
            profile=profile,
            directory=directory,
        )
        click.echo(f"saved {path}")
    sys.exit(DIVERGED)
