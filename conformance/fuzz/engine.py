"""Drive a differential fuzz run with Hypothesis.

Hypothesis draws cases; each runs on the target and on the reference, and the
first divergence fails the property. Hypothesis then shrinks the case to a
minimal one that still diverges; the last failing call it makes is that
minimal case, which the run returns with its differences.

Profiles:

- ``ci``: 60 examples, derandomized (the same cases every run), for the
  project's tests;
- ``deep``: 2,000 examples from a random (or given) seed, for long runs in
  chunks with different seeds.

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
    "ci": {"max_examples": 60, "derandomize": True},
    "deep": {"max_examples": 2000, "derandomize": False},
}


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
        outcome.examples += 1
        found = differences(target_side.observe(case), reference_side.observe(case))
        if found:
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
