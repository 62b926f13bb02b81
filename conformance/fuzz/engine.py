"""Drive a differential fuzz run with Hypothesis.

Hypothesis draws cases; each runs on the target and on the reference, and the
first divergence fails the property. Hypothesis then shrinks the case to a
minimal one that still diverges; the last failing call it makes is that
minimal case, which the run returns with its differences.

Profiles:

- ``ci``: 100 examples, derandomized (the same cases every run), for the
  project's tests; a divergence is shrunk for at most 15 seconds;
- ``deep``: 2,000 examples from a random (or given) seed, for long runs in
  chunks with different seeds; shrinking stops after 60 seconds.

No profile keeps a Hypothesis database (``database=None``): the repository's
memory of divergences is the corpus, ``fixtures/fuzz/corpus/``.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from conformance.fuzz.compare import differences
from conformance.fuzz.execute import open_sides
from conformance.fuzz.strategies import cases

PROFILES: dict[str, dict[str, Any]] = {
    "ci": {"max_examples": 100, "derandomize": True},
    "deep": {"max_examples": 2000, "derandomize": False},
}

#: Seconds of shrinking, per profile: after that the smallest divergence so far is kept.
SHRINK_SECONDS = {"ci": 15.0, "deep": 60.0}


class Divergence(AssertionError):
    """The target and the reference answered a case differently."""


@dataclass
class Outcome:
    """What a run did: how many examples ran, and the shrunk divergence if one was found."""

    examples: int = 0
    seconds: float = 0.0
    case: dict[str, Any] | None = None
    differences: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def case_id(self) -> str | None:
        return case_id(self.case) if self.case is not None else None


def case_id(case: dict[str, Any]) -> str:
    """A short stable name for a case: a hash of its canonical JSON."""
    return hashlib.sha1(json.dumps(case, sort_keys=True).encode()).hexdigest()[:10]


def fuzz(
    target: str,
    vs: str = "flask",
    profile: str = "ci",
    examples: int | None = None,
    seed: int | None = None,
) -> Outcome:
    """Fuzz *target* against *vs*; return after *examples* cases or the first divergence."""
    options = dict(PROFILES[profile])
    if examples is not None:
        options["max_examples"] = examples
    if seed is not None:
        options["derandomize"] = False
    outcome = Outcome()
    shrink_started: list[float] = []
    shrink_budget = SHRINK_SECONDS[profile]
    target_side, reference_side = open_sides(target, vs)

    @settings(
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
        print_blob=False,
        **options,
    )
    @given(cases())
    def property_(case: dict[str, Any]) -> None:
        if shrink_started and time.monotonic() - shrink_started[0] > shrink_budget:
            # Out of shrinking time: every new candidate passes unrun, so Hypothesis
            # stops and replays the smallest divergence it has, which still fails.
            if case == outcome.case:
                raise Divergence("\n".join(outcome.differences))
            return
        outcome.examples += 1
        found = differences(target_side.observe(case), reference_side.observe(case))
        if found:
            if not shrink_started:
                shrink_started.append(time.monotonic())
            outcome.case, outcome.differences = case, found
            raise Divergence("\n".join(found))

    if seed is not None:
        property_ = hypothesis_seed(seed)(property_)
    started = time.monotonic()
    try:
        property_()
    except Divergence:
        pass
    finally:
        outcome.seconds = time.monotonic() - started
        target_side.close()
        reference_side.close()
    return outcome
