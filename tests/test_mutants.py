"""Every mutant in fixtures/mutants is caught by the specs of the area it breaks."""

from __future__ import annotations

import ast
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from conformance.paths import FIXTURES_DIR
from conformance.results import FAILED, read_jsonl

from .conftest import run_specs

MUTANTS_DIR = FIXTURES_DIR / "mutants"


def _mutants() -> list[tuple[str, str]]:
    found = []
    for path in sorted(MUTANTS_DIR.glob("[!_]*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        area = next(
            node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(t, "id", None) == "CAUGHT_BY" for t in node.targets)
        )
        found.append((path.stem, area))
    return found


MUTANTS = _mutants()


@pytest.fixture(scope="module")
def mutant_runs(request, tmp_path_factory):
    """The selected mutants' runs, started at once on all cores; each test waits for its own."""
    selected = {
        item.callspec.params["mutant"]
        for item in request.session.items
        if hasattr(item, "callspec") and "mutant" in item.callspec.params
    }
    scratch = tmp_path_factory.mktemp("mutants")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs: dict[str, tuple[Future, Path]] = {}
        for mutant, area in MUTANTS:
            if mutant not in selected:  # deselected with -k: not run at all
                continue
            results_file = scratch / f"{mutant}.jsonl"
            future = pool.submit(
                run_specs, "--target", f"mutants.{mutant}", "-x", results=results_file, area=area
            )
            runs[mutant] = (future, results_file)
        yield runs
        for future, _ in runs.values():
            future.cancel()


@pytest.mark.parametrize(("mutant", "area"), MUTANTS, ids=[name for name, _ in MUTANTS])
def test_mutant_is_caught_by_its_area(mutant: str, area: str, mutant_runs) -> None:
    future, results_file = mutant_runs[mutant]
    completed = future.result()
    results = read_jsonl(results_file)
    assert results, f"no spec ran against mutant {mutant}:\n{completed.stdout[-2000:]}"
    caught = [result.id for result in results if result.outcome == FAILED]
    assert caught, f"no {area} spec catches mutant {mutant}"
    assert completed.returncode == 1


def test_every_area_has_three_mutants() -> None:
    from conformance.areas import discover_areas

    per_area: dict[str, int] = {}
    for _, area in MUTANTS:
        per_area[area] = per_area.get(area, 0) + 1
    thin = {area: per_area.get(area, 0) for area in discover_areas() if per_area.get(area, 0) < 3}
    assert not thin, f"areas with fewer than three mutants: {thin}"
