"""``conformance bench``: how fast a target answers requests, next to another.

The scenarios (:mod:`~conformance.bench.scenarios`) are small apps built
through each target's public API. By default they are timed in process
through the app's WSGI callable (:mod:`~conformance.bench.timing`), both
targets in one process, round by round; with ``--server`` the ``hello`` and
``params`` apps run under gunicorn, with a bare WSGI callable as the
server's floor, loaded in interleaved slices
(:func:`~conformance.bench.server.run_interleaved`). Reports come from
:mod:`~conformance.bench.report`.

Timing figures are for comparing two targets on one machine in one run;
``--target X --vs X`` shows how far two runs of the same target drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.bench import memory
from conformance.bench.memory import DEFAULT_REQUESTS as DEFAULT_MEMORY_REQUESTS
from conformance.bench.memory import MemoryFigures
from conformance.bench.references import build as build_reference
from conformance.bench.references import expresses
from conformance.bench.scenarios import SCENARIOS, SERVED_SCENARIOS, Prepared
from conformance.bench.server import run_interleaved
from conformance.bench.timing import Measurement, ScenarioFailed, measure
from conformance.targets import Target

__all__ = [
    "DEFAULT_MEMORY_REQUESTS",
    "SCENARIOS",
    "SERVED_SCENARIOS",
    "run_in_process",
    "run_interleaved",
    "run_memory",
]

Progress = Callable[[str], None]


def _quiet(line: str) -> None:
    return None


def build(scenario: str, target: Target) -> Prepared:
    """Build a scenario on a target; a target that cannot is :class:`ScenarioFailed`."""
    try:
        return SCENARIOS[scenario].build(target)
    except Exception as error:
        raise ScenarioFailed(
            f"{scenario} could not be built on {target.name}: {type(error).__name__}: {error}"
        ) from error


def run_in_process(
    first: Target,
    second: Target,
    scenarios: list[str],
    rounds: int,
    requests: int | None = None,
    progress: Progress = _quiet,
    references: tuple[str, ...] = (),
) -> list[Measurement]:
    """Time each scenario on both targets, interleaved; one measurement per scenario.

    :param references: reference frameworks (:mod:`~conformance.bench.references`)
        timed in the same rounds, on each scenario they can express.
    """
    measurements = []
    for name in scenarios:
        build = SCENARIOS[name].build
        progress(f"{name}: {SCENARIOS[name].description}")
        built_first = build(first)
        measurements.append(
            measure(
                name,
                (first.name, built_first),
                (second.name, build(second)),
                rounds,
                requests,
                {
                    reference: (
                        build_reference(reference, name, built_first)
                        if expresses(reference, name)
                        else None
                    )
                    for reference in references
                },
            )
        )
    return measurements


def run_memory(
    first: Target, second: Target, scenarios: list[str], requests: int
) -> dict[str, dict[str, MemoryFigures]]:
    """RSS after *requests* requests and allocations per request, by target then scenario.

    Each target runs in a child process of its own (:mod:`~conformance.bench.memory`).
    """
    return {target.name: memory.run(target.name, scenarios, requests) for target in (first, second)}
