"""Timing requests in process, through an app's WSGI callable.

Both targets live in one process. For each scenario, each target is first
warmed up, then the bench takes ``rounds`` samples of each, interleaved: A
then B in even rounds, B then A in odd ones, so that drift in the machine
(frequency scaling, other load) falls on both alike. A sample is the mean
CPU time per request over a batch of requests (:func:`time_requests` says
why CPU time); a target's figure for a scenario is the median of its samples.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from conformance.bench.scenarios import Prepared

#: With no ``--requests``, batches are sized so that one sample takes about this long.
SAMPLE_SECONDS = 0.02
#: And the warm-up of each target takes about this long.
WARM_UP_SECONDS = 0.1


class ScenarioFailed(Exception):
    """A target answered a scenario's request with an unexpected status."""


def _start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
    return _write


def _write(data: bytes) -> None:
    return None


@dataclass
class Reply:
    """One response as a client sees it: comparable across targets."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def status_code(self) -> int:
        return int(self.status.split(None, 1)[0])


def request_once(prepared: Prepared) -> Reply:
    """Send the scenario's request once and collect the full response."""
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
        captured["status"] = status
        captured["headers"] = list(headers)
        return _write

    iterable = prepared.app(prepared.fresh_environ(), start_response)
    try:
        body = b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    return Reply(captured["status"], captured["headers"], body)


def check(prepared: Prepared, label: str) -> None:
    """Refuse to time a scenario a target answers with the wrong status."""
    reply = request_once(prepared)
    if reply.status_code != prepared.expected_status:
        raise ScenarioFailed(
            f"{label} answered {reply.status!r}, expected {prepared.expected_status}"
        )


def time_requests(prepared: Prepared, count: int) -> float:
    """Mean CPU microseconds per request over ``count`` requests, bodies consumed and closed.

    The clock is :func:`time.process_time`, the CPU time of the whole process
    (every thread, so a target that runs work in a thread of its own is
    charged for it): on a shared machine, wall time also counts the time the
    process waits for a CPU, which swings with other people's work, while
    the CPU time spent on a request hardly moves.
    """
    app = prepared.app
    fresh_environ = prepared.fresh_environ
    start_response = _start_response
    join = b"".join
    gc.collect()
    started = time.process_time()
    for _ in range(count):
        iterable = app(fresh_environ(), start_response)
        join(iterable)
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    return (time.process_time() - started) / count * 1e6


@dataclass
class Side:
    """One target's measurements of one scenario."""

    target: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def as_record(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "median_us": round(self.median, 3),
            "samples_us": [round(sample, 3) for sample in self.samples],
        }


@dataclass
class Measurement:
    """One scenario, timed on targets A and B."""

    scenario: str
    requests_per_sample: int
    a: Side
    b: Side
    #: Reference frameworks timed in the same rounds (Bottle, Falcon), by
    #: name; ``None`` for one that cannot express the scenario.
    references: dict[str, Side | None] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """B's median over A's: below 1 when B is faster."""
        return self.b.median / self.a.median

    def as_record(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "requests_per_sample": self.requests_per_sample,
            "a": self.a.as_record(),
            "b": self.b.as_record(),
            "ratio": round(self.ratio, 4),
            "references": {
                name: None if side is None else side.as_record()
                for name, side in self.references.items()
            },
        }


def _batch_size(per_request_us: float, seconds: float) -> int:
    return max(1, round(seconds * 1e6 / max(per_request_us, 0.01)))


def measure(
    scenario: str,
    first: tuple[str, Prepared],
    second: tuple[str, Prepared],
    rounds: int,
    requests: int | None = None,
    references: dict[str, Prepared | None] | None = None,
) -> Measurement:
    """Warm up both targets, then time them round by round, rotating which goes first.

    :param first: target A's name and its built scenario.
    :param second: target B's name and its built scenario.
    :param requests: requests per sample; by default sized from the warm-up so
        that a sample takes about :data:`SAMPLE_SECONDS`.
    :param references: reference frameworks' builds of the scenario, timed in
        the same rounds with as many requests per sample (``None``: it has no
        build of this scenario). With two sides the order alternates A, B
        then B, A; with more it rotates by one each round.
    """
    references = references or {}
    timed = {name: built for name, built in references.items() if built is not None}
    sides = [Side(first[0]), Side(second[0]), *(Side(name) for name in timed)]
    prepared = [first[1], second[1], *timed.values()]
    warm_up = []
    for index, built in enumerate(prepared):
        check(built, f"{scenario} on {sides[index].target}")
        # A short probe, then a warm-up of about WARM_UP_SECONDS.
        probe = time_requests(built, 10 if requests is None else 1)
        count = _batch_size(probe, WARM_UP_SECONDS)
        if requests is not None:
            count = max(1, min(count, requests // 10))
        warm_up.append(time_requests(built, count))
    if requests is None:
        # The targets' warm-up sizes the batch; a reference just takes more or less time.
        requests = _batch_size(statistics.mean(warm_up[:2]), SAMPLE_SECONDS)
    for round_number in range(rounds):
        for index in rotation(len(sides), round_number):
            sides[index].samples.append(time_requests(prepared[index], requests))
    reference_sides = {side.target: side for side in sides[2:]}
    return Measurement(
        scenario,
        requests,
        sides[0],
        sides[1],
        {name: reference_sides.get(name) for name in references},
    )


def rotation(count: int, round_number: int) -> list[int]:
    """The order of ``count`` sides in round ``round_number``: starting one later each round."""
    start = round_number % count
    return [*range(start, count), *range(start)]


def median_ratio(measurements: Iterable[Measurement]) -> float:
    return statistics.median(measurement.ratio for measurement in measurements)
