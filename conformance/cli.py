"""The ``conformance`` command: run the specs, compare targets, list areas,
measure coverage, and time targets against each other (``bench``).

Exit statuses: 0 when results match the expectations, 1 when they do not
(for ``bench``: when a target cannot build or answer a scenario), 2 for bad
input (an unknown option, area or target, a target that cannot be
imported). Bad input is one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from conformance.areas import discover_areas, parse_area_option
from conformance.evidence import ALL, FAILURES, MODES, OFF
from conformance.expectations import (
    ExpectationsError,
    expectations_path,
    load_expectations,
    write_expectations,
)
from conformance.plugin import DEFAULT_TARGETS, DEFAULT_TIMEOUT
from conformance.report import (
    keep_evidence_of_disagreements,
    render_comparison,
    render_run_summary,
    render_unexpected,
)
from conformance.results import NOT_PASSING, write_report
from conformance.runner import TargetRun, run_targets
from conformance.targets import ModuleAdapter, TargetError, adapter_for

BAD_INPUT = 2


class BadInput(click.ClickException):
    exit_code = BAD_INPUT


def _check_areas(values: tuple[str, ...]) -> list[str]:
    names = parse_area_option(list(values))
    known = discover_areas()
    for name in names:
        if name not in known:
            raise BadInput(f"unknown area {name!r}; known areas: {', '.join(known)}")
    return names


def _check_target(name: str) -> None:
    """Refuse a target that cannot exist, without importing it in this process."""
    try:
        adapter = adapter_for(name)
    except TargetError as error:
        raise BadInput(str(error)) from None
    if isinstance(adapter, ModuleAdapter):
        import importlib.util

        try:
            found = importlib.util.find_spec(adapter.module_name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            raise BadInput(f"unknown target {name!r}: no module or adapter of that name")


def _check_expectations(names: list[str], directory: Path | None) -> None:
    for name in names:
        try:
            load_expectations(name, directory)
        except ExpectationsError as error:
            raise BadInput(str(error)) from None


class Progress:
    """One status line while targets run: redrawn on a terminal, sparse otherwise."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()
        self.last_line = ""
        self.last_print = 0.0

    def __call__(self, runs: list[TargetRun]) -> None:
        parts = []
        for run in runs:
            total = "?" if run.total is None else run.total
            unexpected = sum(result.unexpected for result in run.results)
            note = f", {unexpected} unexpected" if unexpected else ""
            parts.append(f"{run.name} {run.done}/{total}{note}")
        line = "running: " + " | ".join(parts)
        if line == self.last_line:
            return
        self.last_line = line
        if self.interactive:
            click.echo("\r" + line.ljust(79), nl=False, err=True)
        elif time.monotonic() - self.last_print > 5:
            self.last_print = time.monotonic()
            click.echo(line, err=True)

    def finish(self) -> None:
        if self.interactive and self.last_line:
            click.echo("\r" + " " * max(79, len(self.last_line)) + "\r", nl=False, err=True)


def _execute(
    names: list[str],
    areas: list[str],
    spec_timeout: float,
    expectations: Path | None,
    evidence: str = FAILURES,
) -> list[TargetRun]:
    for name in names:
        _check_target(name)
    _check_expectations(names, expectations)
    progress = Progress()
    try:
        runs = run_targets(
            names, areas, spec_timeout, expectations, progress, ("--evidence", evidence)
        )
    finally:
        progress.finish()
    for run in runs:
        if run.usage_error:
            raise BadInput(run.usage_error)
        if run.error:
            raise BadInput(run.error)
    return runs


def _stale_warnings(runs: list[TargetRun], areas: list[str], directory: Path | None) -> list[str]:
    lines = []
    for run in runs:
        seen = {result.id for result in run.results}
        stale = load_expectations(run.name, directory).stale(seen, set(areas) or None)
        lines += [f"warning: {run.name}: expectation names no spec: {spec_id}" for spec_id in stale]
    return lines


def _echo_incidents(runs: list[TargetRun]) -> None:
    """One ``incident:`` line per crash, hang or refused declaration, target by target."""
    for run in runs:
        for incident in run.incidents:
            click.echo(f"incident: {run.name}: {incident}")


def _write_json(path: Path | None, runs: list[TargetRun]) -> None:
    if path is None:
        return
    results = [result for run in runs for result in run.results]
    write_report(path, {run.name: run.facts() for run in runs}, results)
    click.echo(f"wrote {len(results)} records to {path}", err=True)


def _write_formats(runs: list[TargetRun], **paths: Path | None) -> None:
    """Write the report formats given a path (``--junit``, ``--markdown``, ``--html``, ``--badge``)."""
    if not any(paths.values()):
        return
    from conformance.formats import write_formats

    results = [result for run in runs for result in run.results]
    for line in write_formats({run.name: run.facts() for run in runs}, results, **paths):
        click.echo(line, err=True)


def report_options(markdown: bool = True) -> Callable[[Callable], Callable]:
    """``--junit``, ``--markdown`` (unless the command has its own), ``--html``, ``--badge``."""

    def path_option(flag: str, help_text: str) -> Callable[[Callable], Callable]:
        return click.option(
            flag,
            f"{flag[2:]}_path",
            type=click.Path(dir_okay=False, writable=True, path_type=Path),
            help=help_text,
        )

    options = [path_option("--junit", "Also write JUnit XML, one testsuite per target.")]
    if markdown:
        options.append(
            path_option("--markdown", "Also write the tables and unexpected results as Markdown.")
        )
    options.append(path_option("--html", "Also write one self-contained HTML page."))
    options.append(
        path_option("--badge", "Also write a shields.io badge (FILE.<target>.json when several).")
    )

    def decorate(function: Callable) -> Callable:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


timeout_option = click.option(
    "--spec-timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds before a spec is stopped and graded timeout (0: never).",
)
area_option = click.option(
    "--area", "areas", multiple=True, metavar="NAME[,NAME]", help="Only these areas."
)
json_option = click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the results as JSON (format in the README).",
)
expectations_option = click.option(
    "--expectations",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of <target>.txt expectation files (default: fixtures/expectations).",
)
evidence_option = click.option(
    "--evidence",
    type=click.Choice(MODES),
    default=FAILURES,
    show_default=True,
    help="Keep each spec's requests, responses and lifecycle trace (in --json) for failing "
    "specs, for all, or record none (compare: for the specs A and B disagree on).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="flask-conformance", prog_name="conformance")
def cli() -> None:
    """Run Flask's behavioural specification against implementations of its API."""


@cli.command()
@click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="NAME",
    help=f"Target to run (repeatable; default: {', '.join(DEFAULT_TARGETS)}).",
)
@area_option
@json_option
@report_options()
@timeout_option
@expectations_option
@evidence_option
@click.option(
    "--update-expectations",
    is_flag=True,
    help="Rewrite each target's expectations file to this run's failures (reasons kept).",
)
@click.option(
    "--reason",
    default=None,
    help="With --update-expectations: the reason recorded for newly failing specs.",
)
def run(
    targets: tuple[str, ...],
    areas: tuple[str, ...],
    json_path: Path | None,
    junit_path: Path | None,
    markdown_path: Path | None,
    html_path: Path | None,
    badge_path: Path | None,
    spec_timeout: float,
    expectations: Path | None,
    evidence: str,
    update_expectations: bool,
    reason: str | None,
) -> None:
    """Run the specs against targets; a summary per area and the unexpected results."""
    names = list(dict.fromkeys(targets or DEFAULT_TARGETS))
    area_names = _check_areas(areas)
    runs = _execute(names, area_names, spec_timeout, expectations, evidence)
    results = [result for run in runs for result in run.results]
    versions = {run.name: run.version for run in runs}
    for line in render_run_summary(results, names, versions):
        click.echo(line)
    _echo_incidents(runs)
    for line in _stale_warnings(runs, area_names, expectations):
        click.echo(line, err=True)
    _write_json(json_path, runs)
    _write_formats(runs, junit=junit_path, markdown=markdown_path, html=html_path, badge=badge_path)
    if update_expectations:
        for run_ in runs:
            _update_expectations(run_, area_names, expectations, reason)
        return
    if any(result.unexpected for result in results):
        sys.exit(1)


def _update_expectations(
    run: TargetRun, areas: list[str], directory: Path | None, reason: str | None
) -> None:
    current = load_expectations(run.name, directory)
    ran = {result.id for result in run.results}
    # Entries for specs this run did not reach (other areas) stay as they are.
    failures = {spec_id: why for spec_id, why in current.reasons.items() if spec_id not in ran}
    for result in run.results:
        if result.outcome in NOT_PASSING:
            failures[result.id] = (
                current.reasons.get(result.id)
                or reason
                or (f"fails: {result.message}" if result.message else "fails")
            )
    path = expectations_path(run.name, directory)
    if failures:
        write_expectations(path, run.name, failures)
        click.echo(f"wrote {len(failures)} expectations to {path}", err=True)
    elif path.exists():
        path.unlink()
        click.echo(f"removed {path}: {run.name} passes every spec", err=True)


@cli.command()
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@area_option
@json_option
@report_options()
@timeout_option
@expectations_option
@evidence_option
def compare(
    first: str,
    second: str,
    areas: tuple[str, ...],
    json_path: Path | None,
    junit_path: Path | None,
    markdown_path: Path | None,
    html_path: Path | None,
    badge_path: Path | None,
    spec_timeout: float,
    expectations: Path | None,
    evidence: str,
) -> None:
    """Run targets A and B side by side; show the specs on which they disagree."""
    if first == second:
        raise BadInput("compare needs two different targets")
    area_names = _check_areas(areas)
    # A disagreement needs both sides' evidence, the passing side's too: each
    # child keeps every spec's, and only the disagreements' stay (unless all).
    recorded = OFF if evidence == OFF else ALL
    runs = _execute([first, second], area_names, spec_timeout, expectations, recorded)
    if evidence == FAILURES:
        every = [result for run in runs for result in run.results]
        kept = keep_evidence_of_disagreements(every, first, second)
        for run_ in runs:
            run_.results[:] = [result for result in kept if result.target == run_.name]
    results = [result for run in runs for result in run.results]
    versions = {run.name: run.version for run in runs}
    for line in render_comparison(results, first, second, versions):
        click.echo(line)
    _echo_incidents(runs)
    _write_json(json_path, runs)
    _write_formats(runs, junit=junit_path, markdown=markdown_path, html=html_path, badge=badge_path)
    if any(result.unexpected for result in results):
        sys.exit(1)


@cli.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@area_option
@json_option
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the matrix as a Markdown table.",
)
@report_options(markdown=False)
@timeout_option
@expectations_option
@evidence_option
def matrix(
    targets: tuple[str, ...],
    areas: tuple[str, ...],
    json_path: Path | None,
    markdown_path: Path | None,
    junit_path: Path | None,
    html_path: Path | None,
    badge_path: Path | None,
    spec_timeout: float,
    expectations: Path | None,
    evidence: str,
) -> None:
    """Run every target, each in its own process; one table of areas × targets."""
    from conformance.report import render_matrix, render_matrix_markdown

    names = list(dict.fromkeys(targets))
    area_names = _check_areas(areas)
    runs = _execute(names, area_names, spec_timeout, expectations, evidence)
    results = [result for run in runs for result in run.results]
    versions = {run.name: run.version for run in runs}
    for line in render_matrix(results, names, versions):
        click.echo(line)
    click.echo("")
    for run_ in runs:
        for line in render_unexpected(results, run_.name):
            click.echo(line)
    _echo_incidents(runs)
    _write_json(json_path, runs)
    if markdown_path is not None:
        lines = render_matrix_markdown(results, names, versions)
        markdown_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        click.echo(f"wrote the matrix to {markdown_path}", err=True)
    # For matrix, --markdown stays the matrix table above.
    _write_formats(runs, junit=junit_path, html=html_path, badge=badge_path)
    if any(result.unexpected for result in results):
        sys.exit(1)


@cli.command(name="coverage")
@click.option(
    "--target", default="flask", show_default=True, metavar="NAME", help="Package to measure."
)
@area_option
@click.option(
    "--fail-under-statements",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Exit 1 when statement coverage is lower.",
)
@click.option(
    "--fail-under-branches",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Exit 1 when branch coverage is lower.",
)
@click.option("--no-missing", is_flag=True, help="Do not list the uncovered lines.")
def coverage_command(
    target: str,
    areas: tuple[str, ...],
    fail_under_statements: float | None,
    fail_under_branches: float | None,
    no_missing: bool,
) -> None:
    """Run the suite on a target under coverage.py and show how much of it runs."""
    from conformance import coverage

    area_names = _check_areas(areas)
    _check_target(target)
    click.echo(f"measuring {target} with the spec suite...", err=True)
    try:
        modules, status = coverage.measure(target, area_names)
    except coverage.CoverageError as error:
        raise BadInput(str(error)) from None
    for line in coverage.render(modules, show_missing=not no_missing):
        click.echo(line)
    overall = coverage.total(modules)
    if status not in (0, 1):
        click.echo(f"warning: the suite exited with status {status} under coverage", err=True)
    short = []
    if fail_under_statements is not None and overall.statement_percent < fail_under_statements:
        short.append(f"statements {overall.statement_percent:.1f}% < {fail_under_statements:g}%")
    if fail_under_branches is not None and overall.branch_percent < fail_under_branches:
        short.append(f"branches {overall.branch_percent:.1f}% < {fail_under_branches:g}%")
    if short:
        click.echo("coverage below the floor: " + ", ".join(short), err=True)
        sys.exit(1)


def _check_scenarios(values: tuple[str, ...], server: bool) -> list[str]:
    from conformance.bench import SCENARIOS, SERVED_SCENARIOS

    names = list(dict.fromkeys(parse_area_option(list(values))))
    if not names:
        return list(SERVED_SCENARIOS if server else SCENARIOS)
    for name in names:
        if name not in SCENARIOS:
            raise BadInput(f"unknown scenario {name!r}; known scenarios: {', '.join(SCENARIOS)}")
        if server and name not in SERVED_SCENARIOS:
            raise BadInput(
                f"scenario {name!r} has no --server run; served scenarios: "
                + ", ".join(SERVED_SCENARIOS)
            )
    return names


def _check_references(value: str) -> tuple[str, ...]:
    from conformance.bench.references import REFERENCES, installed

    if value == "auto":
        return tuple(name for name in REFERENCES if installed(name))
    if value == "none":
        return ()
    names = tuple(dict.fromkeys(parse_area_option([value])))
    for name in names:
        if name not in REFERENCES:
            raise BadInput(f"unknown reference {name!r}; known references: {', '.join(REFERENCES)}")
        if not installed(name):
            raise BadInput(f"reference {name!r} is not installed (pip install {name})")
    return names


@cli.command()
@click.option(
    "--target", "first", default="flask", show_default=True, metavar="A", help="The baseline."
)
@click.option(
    "--vs", "second", default="impl", show_default=True, metavar="B", help="Compared with A."
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    metavar="NAME[,NAME]",
    help="Only these scenarios (default: all; with --server: hello, params).",
)
@click.option(
    "--rounds",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Samples of each target per scenario, interleaved.",
)
@click.option(
    "--requests",
    type=click.IntRange(min=1),
    default=None,
    help="Requests per sample (default: sized to take about 0.02 s).",
)
@json_option
@click.option("--server", is_flag=True, help="Serve with gunicorn and measure under load.")
@click.option(
    "--duration",
    type=click.FloatRange(min=0.1),
    default=2.0,
    show_default=True,
    help="With --server: seconds of load per slice (whole seconds with wrk, rounded up).",
)
@click.option(
    "--slices",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="With --server: slices of load per server, interleaved; the median counts.",
)
@click.option(
    "--no-floor",
    is_flag=True,
    help="With --server: do not serve the floor (a bare WSGI callable sending A's bytes).",
)
@click.option(
    "--load-generator",
    type=click.Choice(["auto", "wrk", "python"]),
    default="auto",
    show_default=True,
    help="With --server: wrk, the Python fallback, or wrk when it is on PATH.",
)
@click.option(
    "--worker-class",
    type=click.Choice(["sync", "gthread"]),
    default="sync",
    show_default=True,
    help="With --server: gunicorn's worker class (gthread: 4 threads a worker, keep-alive).",
)
@click.option(
    "--references",
    default="auto",
    show_default=True,
    metavar="auto|none|NAME[,NAME]",
    help="In process: reference frameworks timed in the same rounds (bottle, falcon); "
    "auto: those installed.",
)
@click.option(
    "--memory-requests",
    type=click.IntRange(min=0),
    default=None,
    help="In process: requests before each RSS reading of the memory table "
    "(default 10,000; 0 leaves the table out).",
)
@click.option(
    "--soak",
    is_flag=True,
    help="Send --requests (default 1,000,000) through a mixed app on A and B, "
    "each in a child process; report RSS every 10%, leaked contexts and file descriptors.",
)
def bench(
    first: str,
    second: str,
    scenarios: tuple[str, ...],
    rounds: int,
    requests: int | None,
    json_path: Path | None,
    server: bool,
    duration: float,
    slices: int,
    no_floor: bool,
    load_generator: str,
    worker_class: str,
    references: str,
    memory_requests: int | None,
    soak: bool,
) -> None:
    """Time scenario apps on targets A and B; the median per request and the ratio B/A.

    With --server, A, B and the floor (a bare WSGI callable sending A's
    response: what the server alone can do) run under gunicorn together and
    take turns under load, slice by slice.
    """
    from conformance import bench as benchmark
    from conformance.bench import report
    from conformance.bench.memory import MemoryFailed
    from conformance.bench.server import (
        ServerError,
        choose_load_generator,
        run_interleaved,
        slice_seconds,
    )
    from conformance.bench.timing import ScenarioFailed
    from conformance.targets import load_target

    if soak:
        from conformance.bench import soak as soaking

        try:
            soaked = soaking.run(
                [first, second],
                requests or soaking.DEFAULT_REQUESTS,
                lambda line: click.echo(f"bench: {line}", err=True),
            )
        except soaking.SoakFailed as error:
            raise click.ClickException(f"soak failed: {error}") from None
        lines, status = soaking.report(soaked)
        for line in lines:
            click.echo(line)
        if json_path is not None:
            soaking.write_json(json_path, soaked)
        sys.exit(status)
    names = _check_scenarios(scenarios, server)
    reference_names = () if server else _check_references(references)
    if memory_requests is None:
        memory_requests = 0 if server else benchmark.DEFAULT_MEMORY_REQUESTS
    try:
        generator = choose_load_generator(load_generator) if server else None
        targets = [load_target(first), load_target(second)]
    except (ServerError, TargetError) as error:
        raise BadInput(str(error)) from None
    facts = report.machine_facts(*targets)

    def progress(line: str) -> None:
        click.echo(f"bench: {line}", err=True)

    try:
        if generator is not None:
            served = run_interleaved(
                *targets, names, duration, slices, generator, not no_floor, progress, worker_class
            )
            seconds = slice_seconds(duration, generator)
            lines = report.render_server_table(
                served, facts, seconds, generator, slices, worker_class
            )
            mode = {
                "kind": "server",
                "seconds": seconds,
                "slices": slices,
                "floor": not no_floor,
                "load_generator": generator,
                "worker_class": worker_class,
            }
            measurements: list = served
            memory = None
        else:
            timed = benchmark.run_in_process(
                *targets, names, rounds, requests, progress, reference_names
            )
            lines = report.render_table(timed, facts, rounds)
            mode = {"kind": "in-process", "rounds": rounds, "references": list(reference_names)}
            measurements = timed
            memory = None
            if memory_requests:
                progress(f"memory: {memory_requests:,} requests per scenario, each target apart")
                memory = benchmark.run_memory(*targets, names, memory_requests)
                lines += ["", *report.render_memory_table(memory, facts, memory_requests)]
                mode["memory_requests"] = memory_requests
    except ServerError as error:
        raise click.ClickException(str(error)) from None
    except (ScenarioFailed, MemoryFailed) as error:
        raise click.ClickException(f"bench failed: {error}") from None
    for line in lines:
        click.echo(line)
    if json_path is not None:
        report.write_json(json_path, facts, mode, measurements, memory)
        click.echo(f"wrote {len(measurements)} records to {json_path}", err=True)


@cli.command(name="list")
def list_areas() -> None:
    """List the areas with their spec counts and descriptions."""
    from conformance.collect import count_specs

    areas = discover_areas()
    counts = count_specs()
    width = max(len(name) for name in areas) + 2
    for name, area in areas.items():
        click.echo(f"{name:<{width}}{counts.get(name, 0):>5}  {area.description}")
    click.echo(f"{'total':<{width}}{sum(counts.values()):>5}")


@cli.command(name="record-api")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the JSON records (default: fixtures/data/api).",
)
def record_api(output: Path | None) -> None:
    """Record upstream Flask's public surface for the api specs (run after upgrading Flask)."""
    from conformance import api_surface

    counts = api_surface.write_surface(output or api_surface.API_DATA_DIR)
    for kind, count in counts.items():
        click.echo(f"{kind:<20}{count:>5}")


@cli.command(name="diff")
@click.argument("old_path", metavar="OLD.json", type=click.Path(path_type=Path))
@click.argument("new_path", metavar="NEW.json", type=click.Path(path_type=Path))
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the diff as Markdown.",
)
@click.option(
    "--force", is_flag=True, help="Compare reports of different formats or suite versions."
)
@click.option(
    "--target-old", "old_names", multiple=True, metavar="NAME", help="A target of OLD (repeatable)."
)
@click.option(
    "--target-new",
    "new_names",
    multiple=True,
    metavar="NAME",
    help="The target of NEW compared with the --target-old of the same rank.",
)
@click.option(
    "--map", "mapping", multiple=True, metavar="OLD=NEW", help="A pair of targets (repeatable)."
)
def diff_command(
    old_path: Path,
    new_path: Path,
    markdown_path: Path | None,
    force: bool,
    old_names: tuple[str, ...],
    new_names: tuple[str, ...],
    mapping: tuple[str, ...],
) -> None:
    """Compare two --json reports: new failures, fixes, changed failures, added and removed specs.

    Exit status 1 when NEW has a spec failing that behaved in OLD.
    """
    from conformance import diff

    try:
        old, new = diff.load_report(old_path), diff.load_report(new_path)
        if not force:
            diff.check_comparable(old, new)
        mapped_old, mapped_new = diff.parse_mapping(mapping)
        pairs = diff.pair_targets(old, new, [*old_names, *mapped_old], [*new_names, *mapped_new])
    except diff.DiffError as error:
        raise BadInput(str(error)) from None
    diffs = diff.diff_reports(old, new, pairs)
    for line in diff.render_text(old, new, diffs):
        click.echo(line)
    if markdown_path is not None:
        lines = diff.render_markdown(old, new, diffs)
        markdown_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        click.echo(f"wrote the diff to {markdown_path}", err=True)
    if diff.has_new_failures(diffs):
        sys.exit(1)


# The differential fuzzer lives in conformance/fuzz/; its command is registered here.
from conformance.fuzz.command import fuzz as fuzz_command  # noqa: E402

cli.add_command(fuzz_command)


@cli.command(name="record")
@click.option(
    "--target", default="flask", show_default=True, metavar="NAME", help="The reference to record."
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the recorded files (default: fixtures/golden).",
)
def record_golden(target: str, output: Path | None) -> None:
    """Record the golden apps' responses and traces on a target (run after upgrading Flask).

    Re-recording shows what moved as a diff of fixtures/golden/.
    """
    from conformance import golden

    _check_target(target)
    try:
        problems = golden.record(target, output or golden.GOLDEN_DIR, echo=click.echo)
    except golden.GoldenError as error:
        raise BadInput(str(error)) from None
    if problems:
        sys.exit(1)


def _run_golden(names: list[str], json_path: Path | None) -> None:
    """``run --golden``: each target's golden apps in a child, compared with the recorded files."""
    from conformance import golden

    results, facts, versions = [], {}, {}
    for name in names:
        _check_target(name)
        try:
            versions[name], mine = golden.check(name)
        except golden.GoldenError as error:
            raise BadInput(str(error)) from None
        results += mine
        facts[name] = {"version": versions[name], "error": None, "incidents": []}
    for line in render_run_summary(results, names, versions):
        click.echo(line)
    if json_path is not None:
        write_report(json_path, facts, results)
        click.echo(f"wrote {len(results)} records to {json_path}", err=True)
    if any(result.unexpected for result in results):
        sys.exit(1)


#: Options of ``run`` that mean nothing for ``--golden`` (flag: parameter name).
GOLDEN_IGNORES = {
    "--area": "areas",
    "--update-expectations": "update_expectations",
    "--expectations": "expectations",
}


def _add_golden_flag(command: click.Command) -> None:
    """Give ``run`` its ``--golden`` flag: the golden-trace check instead of the specs."""
    command.params.append(
        click.Option(
            ["--golden"],
            is_flag=True,
            help="Check the targets against the recorded golden traces (fixtures/golden/) "
            "instead of running the specs.",
        )
    )
    run_specs = command.callback
    assert run_specs is not None

    def run_or_check(*, golden: bool, **options: object) -> None:
        if not golden:
            run_specs(**options)
            return
        ignored = [flag for flag, key in GOLDEN_IGNORES.items() if options.get(key)]
        if ignored:
            raise BadInput(
                f"--golden checks the golden apps only: it takes no {', '.join(ignored)}"
            )
        names = list(dict.fromkeys(options["targets"] or DEFAULT_TARGETS))  # type: ignore[arg-type]
        _run_golden(names, options["json_path"])  # type: ignore[arg-type]

    command.callback = run_or_check


_add_golden_flag(run)


# ``conformance strength``: the suite's mutation score (conformance/strength/).
from conformance.strength.command import strength_command  # noqa: E402

cli.add_command(strength_command)


def main(argv: list[str] | None = None) -> int:
    """Entry point: Click's standalone mode, with one-line errors for bad input."""
    try:
        cli.main(args=argv, prog_name="conformance", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        return 0
    except click.UsageError as error:
        click.echo(f"conformance: error: {error.format_message()}", err=True)
        return BAD_INPUT
    except click.ClickException as error:
        click.echo(f"conformance: error: {error.format_message()}", err=True)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("conformance: aborted", err=True)
        return 130
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except KeyboardInterrupt:
        click.echo("conformance: interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
