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

from conformance.bench.scenarios import SCENARIOS, SERVED_SCENARIOS, Prepared
from conformance.bench.server import run_interleaved
from conformance.bench.timing import Measurement, ScenarioFailed, measure
from conformance.targets import Target

__all__ = ["SCENARIOS", "SERVED_SCENARIOS", "run_in_process", "run_interleaved"]

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
) -> list[Measurement]:
    """Time each scenario on both targets, interleaved; one measurement per scenario."""
    measurements = []
    for name in scenarios:
        build = SCENARIOS[name].build
        progress(f"{name}: {SCENARIOS[name].description}")
        measurements.append(
            measure(
                name, (first.name, build(first)), (second.name, build(second)), rounds, requests
            )
        )
    return measurements
