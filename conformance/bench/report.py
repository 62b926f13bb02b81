"""What ``conformance bench`` prints and writes: tables, JSON, machine facts."""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
from pathlib import Path
from typing import Any

from conformance.bench.memory import MemoryFigures
from conformance.bench.references import version as reference_version
from conformance.bench.server import (
    CONNECTIONS,
    THREADS,
    WORKERS,
    ServerMeasurement,
    side_labels,
)
from conformance.bench.timing import Measurement, median_ratio
from conformance.targets import Target

#: Version of the bench JSON layout; 2 since server records carry per-slice figures
#: and the floor.
FORMAT = 2


def machine_facts(first: Target, second: Target) -> dict[str, Any]:
    """Where and when the bench ran, and what it compared."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "targets": {
            "a": {"name": first.name, "version": first.adapter.version},
            "b": {"name": second.name, "version": second.adapter.version},
        },
    }


def _labels(facts: dict[str, Any]) -> tuple[str, str]:
    return side_labels(facts["targets"]["a"]["name"], facts["targets"]["b"]["name"])


def describe(facts: dict[str, Any]) -> str:
    targets = facts["targets"]
    return (
        f"A: {targets['a']['name']} {targets['a']['version']}, "
        f"B: {targets['b']['name']} {targets['b']['version']}; "
        f"Python {facts['python']} on {facts['platform']}, {facts['cpu_count']} CPUs"
    )


def render_table(measurements: list[Measurement], facts: dict[str, Any], rounds: int) -> list[str]:
    """Median CPU µs per request for A and B, and B/A, per scenario.

    With reference frameworks, one column of µs each (``-`` where a framework
    cannot express the scenario) and B's time over the first reference's.
    """
    a, b = _labels(facts)
    width = max(len("scenario"), *(len(m.scenario) for m in measurements)) + 2
    a_head, b_head = f"{a} µs", f"{b} µs"
    references = list(measurements[0].references) if measurements else []
    reference_heads = [f"{name} µs" for name in references]
    column = max(12, *(len(head) + 2 for head in [a_head, b_head, *reference_heads]))
    head = f"{'scenario':<{width}}{a_head:>{column}}{b_head:>{column}}{'B/A':>8}"
    head += "".join(f"{heading:>{column}}" for heading in reference_heads)
    versus = f"B/{references[0]}" if references else ""
    if versus:
        head += f"{versus:>{len(versus) + 3}}"
    lines = [
        describe(facts),
        f"median of {rounds} rounds, CPU µs per request, in process through WSGI",
    ]
    if references:
        lines.append(
            "references: "
            + ", ".join(f"{name} {reference_version(name)}" for name in references)
            + "; - where one cannot express the scenario"
        )
    lines += ["", head]
    for m in measurements:
        row = f"{m.scenario:<{width}}{m.a.median:>{column}.1f}{m.b.median:>{column}.1f}{m.ratio:>8.2f}"
        for name in references:
            side = m.references.get(name)
            row += f"{'-':>{column}}" if side is None else f"{side.median:>{column}.1f}"
        if versus:
            first = m.references.get(references[0])
            cell = "-" if first is None else f"{m.b.median / first.median:.2f}"
            row += f"{cell:>{len(versus) + 3}}"
        lines.append(row)
    lines += ["", f"median ratio B/A: {median_ratio(measurements):.2f}"]
    return lines


def render_memory_table(
    memory: dict[str, dict[str, MemoryFigures]], facts: dict[str, Any], requests: int
) -> list[str]:
    """RSS after *requests* requests and KiB allocated per request, for A and B, per scenario."""
    a_name, b_name = facts["targets"]["a"]["name"], facts["targets"]["b"]["name"]
    a, b = _labels(facts)
    if a_name == b_name:
        # An A/A run measured one target: both columns are its figures.
        memory = {a: memory[a_name], b: memory[b_name]}
        a_name, b_name = a, b
    scenarios = list(memory[a_name])
    width = max(len("scenario"), *(len(name) for name in scenarios)) + 2
    heads = [f"{a} MiB", f"{b} MiB", f"{a} KiB/req", f"{b} KiB/req"]
    column = max(12, *(len(head) + 2 for head in heads))
    lines = [
        f"memory: RSS after {requests:,} requests of one scenario, in a fork of a process "
        "that imported only the target;",
        "KiB/req: median peak allocated while one request is answered (tracemalloc)",
        "",
        f"{'scenario':<{width}}" + "".join(f"{head:>{column}}" for head in heads),
    ]
    for scenario in scenarios:
        first, second = memory[a_name][scenario], memory[b_name][scenario]
        lines.append(
            f"{scenario:<{width}}{first.rss_bytes / 2**20:>{column}.1f}"
            f"{second.rss_bytes / 2**20:>{column}.1f}"
            f"{first.peak_bytes_per_request / 1024:>{column}.1f}"
            f"{second.peak_bytes_per_request / 1024:>{column}.1f}"
        )
    return lines


def render_server_table(
    measurements: list[ServerMeasurement],
    facts: dict[str, Any],
    seconds: float,
    generator: str,
    slices: int = 1,
    worker_class: str = "sync",
) -> list[str]:
    """Requests per second and p99 latency for A and B, and the ratios, per scenario.

    When the floor was served, two more columns: its requests per second and
    the ceiling, floor/A. ``seconds`` is the length of one slice.
    """
    a, b = _labels(facts)
    with_floor = all(m.floor is not None for m in measurements)
    width = max(len("scenario"), *(len(m.scenario) for m in measurements)) + 2
    heads = [f"{a} req/s", f"{b} req/s", "B/A"]
    if with_floor:
        heads += ["floor req/s", "ceiling"]
    heads += [f"{a} p99 ms", f"{b} p99 ms", "B/A"]
    column = max(12, *(len(head) + 2 for head in heads))
    narrow = {"B/A": 8, "ceiling": 9}
    slice_word = "slice" if slices == 1 else "slices"
    lines = [
        describe(facts),
        f"gunicorn, {WORKERS} {worker_class} workers each"
        + (f" of {THREADS} threads" if worker_class == "gthread" else "")
        + f"; {generator} load generator, {CONNECTIONS} connections",
        f"median of {slices} {slice_word} of {seconds:g} s per server; "
        "servers started together, loaded in alternating turns",
    ]
    if with_floor:
        lines.append(
            f"floor: a bare WSGI callable sending {facts['targets']['a']['name']}'s bytes; "
            "ceiling = floor/A, the most B can gain"
        )
    lines += [
        "",
        f"{'scenario':<{width}}" + "".join(f"{head:>{narrow.get(head, column)}}" for head in heads),
    ]
    for m in measurements:
        row = (
            f"{m.scenario:<{width}}{m.a.requests_per_second:>{column}.0f}"
            f"{m.b.requests_per_second:>{column}.0f}{m.ratio:>8.2f}"
        )
        if with_floor:
            row += f"{m.floor.requests_per_second:>{column}.0f}{m.ceiling:>9.2f}"  # type: ignore[union-attr]
        row += f"{m.a.p99_ms:>{column}.2f}{m.b.p99_ms:>{column}.2f}{m.p99_ratio:>8.2f}"
        lines.append(row)
    lines += _server_cpu_lines(measurements)
    errors = [
        f"{side.target} had {side.errors} failed requests in {m.scenario}"
        for m in measurements
        for side in (m.a, m.b, m.floor)
        if side is not None and side.errors
    ]
    lines += [f"warning: {line}" for line in errors]
    return lines


def _server_cpu_lines(measurements: list[ServerMeasurement]) -> list[str]:
    """What serving a request cost each server in CPU time, where ``/proc`` told.

    Requests per second depend on everything else the machine runs; the CPU
    time a server's processes spend per request hardly does, so on a shared
    machine these figures are the steadier comparison (floor/B's CPU time is
    close to what B's requests per second would be of the floor's, were the
    server alone the limit).
    """
    lines = []
    for m in measurements:
        sides = [side for side in (m.a, m.b, m.floor) if side is not None]
        figures = [side.cpu_us_per_request for side in sides]
        if any(figure is None for figure in figures):
            continue
        lines.append(
            f"server CPU per request, {m.scenario}: "
            + ", ".join(
                f"{side.target} {figure:.0f} µs"
                for side, figure in zip(sides, figures, strict=True)
            )
            + " (median of slices; master and workers)"
        )
    if lines:
        lines.insert(0, "")
    return lines


def write_json(
    path: Path,
    facts: dict[str, Any],
    mode: dict[str, Any],
    measurements: list[Measurement] | list[ServerMeasurement],
    memory: dict[str, dict[str, MemoryFigures]] | None = None,
) -> None:
    """One record per scenario, with the machine facts and how the bench ran.

    With *memory*, each in-process record has ``memory``: ``a`` and ``b``,
    each with ``rss_bytes``, ``peak_bytes_per_request`` and
    ``kept_bytes_per_request``.
    """
    records = [m.as_record() for m in measurements]
    if memory:
        names = facts["targets"]["a"]["name"], facts["targets"]["b"]["name"]
        for record in records:
            record["memory"] = {
                side: memory[name][record["scenario"]].as_record()
                for side, name in zip(("a", "b"), names, strict=True)
            }
    document = {
        "format": FORMAT,
        "facts": facts,
        "mode": mode,
        "records": records,
        "median_ratio": round(statistics.median(m.ratio for m in measurements), 4),
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
