"""Running the suite against mutants of the reference's source, in parallel.

1. One coverage run of the whole suite on the reference, each spec's lines
   recorded under its node id (see :mod:`conformance.strength.contexts`),
   gives the map line -> specs that execute it.
2. Every mutant of the package is listed (:mod:`conformance.strength.operators`)
   and a sample drawn with a seeded random generator, so a given ``--seed`` and
   ``--sample`` always pick the same mutants.
3. Each sampled mutant runs in a child ``python -m pytest`` of only the specs
   that execute its line, with a copy of the package, changed once, first on
   ``PYTHONPATH``: the installed package is never touched. The first failing
   spec stops the child (``-x``): the mutant is killed. A child that outlives
   its time limit is a killed mutant too (the change made the target hang).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from conformance.coverage import package_dir
from conformance.paths import REPOSITORY_DIR, SPECS_DIR, child_pytest_args
from conformance.strength.operators import Mutant, package_mutants

KILLED = "killed"
TIMEOUT = "timeout"  # counted as killed
SURVIVED = "survived"
NO_COVERAGE = "no coverage"
EQUIVALENT = "equivalent"
ERROR = "error"  # the child could not run the specs at all (a harness problem)
#: How many specs the first, quick try of a mutant runs; the rest only if it survives.
FIRST_BATCH = 40
#: A mutant's child may run for this long before the mutant counts as hanging.
CHILD_TIME_LIMIT = 900.0
_FAILED_LINE = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)

LineMap = dict[str, dict[int, list[str]]]


class StrengthError(Exception):
    """The measurement could not be made; the message says why, in one line."""


@dataclass
class MutantResult:
    id: str
    module: str
    line: int
    operator: str
    original: str
    replacement: str
    outcome: str
    specs: int = 0
    killed_by: str | None = None
    seconds: float = 0.0
    detail: str | None = None

    @property
    def killed(self) -> bool:
        return self.outcome in (KILLED, TIMEOUT)


@dataclass
class StrengthRun:
    reference: str
    version: str
    seed: int
    sample: int
    population: int
    jobs: int
    seconds: float = 0.0
    results: list[MutantResult] = field(default_factory=list)
    #: Results taken from an earlier run's kills instead of run again.
    carried_over: int = 0
    #: Specs failing on the unmutated reference, left out of the measurement.
    failing_specs: list[str] = field(default_factory=list)
    #: The modules the mutants were drawn from (``--module``); empty: the whole package.
    modules: list[str] = field(default_factory=list)


# Equivalent mutants -----------------------------------------------------------


def load_equivalents(path: Path) -> dict[str, str]:
    """``{mutant id: reason}`` from a file of ``<id> <reason>`` lines (``#`` starts a comment line).

    A line without a reason is refused: an equivalent mutant is a judgement
    someone made, and the file keeps why.
    """
    equivalents: dict[str, str] = {}
    if not path.exists():
        return equivalents
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        mutant_id, _, reason = line.partition(" ")
        if not reason.strip():
            raise StrengthError(f"{path.name}:{number}: {mutant_id} has no reason")
        equivalents[mutant_id] = reason.strip()
    return equivalents


# The line -> specs map ------------------------------------------------------------


def _suite_fingerprint(reference: str, version: str, specs_dir: Path = SPECS_DIR) -> str:
    digest = hashlib.sha256(f"{reference} {version}".encode())
    for path in sorted(specs_dir.rglob("*.py")):
        digest.update(path.relative_to(specs_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: The parts of the repository a mutant's child needs: the harness with its
#: specs, and the fixtures they read.
SUITE_PARTS = ("conformance", "fixtures")


def freeze_suite(folder: Path) -> Path:
    """Copy the suite (specs and fixtures) to *folder*; returns it.

    The line map and every mutant's run use this one copy, so specs edited
    in the working tree while a measurement runs (by someone else, say)
    cannot make the map name specs a later child no longer finds.
    """
    for part in SUITE_PARTS:
        shutil.copytree(
            REPOSITORY_DIR / part, folder / part, symlinks=True,
            copy_function=shutil.copy2,
            ignore=shutil.ignore_patterns(".pytest_cache", "__pycache__"),
        )  # fmt: skip
    return folder


def build_line_map(
    reference: str,
    package: Path,
    spec_timeout: float,
    cache: Path | None = None,
    suite: Path | None = None,
) -> tuple[LineMap, list[str]]:
    """Which specs execute each line of the package: one coverage run of the whole suite.

    Returns the map and the specs that fail on the unmutated reference: those
    are left out of the map (they would "kill" every mutant), and the report
    names them. With *cache*, a map made earlier for the same reference
    version and the same spec files is read from it, and a new one is written
    to it. With *suite* (a :func:`freeze_suite` copy), the specs run from there.
    """
    version = reference_version(reference)
    specs_dir = SPECS_DIR if suite is None else suite / "conformance" / "specs"
    fingerprint = _suite_fingerprint(reference, version, specs_dir)
    if cache is not None and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("fingerprint") == fingerprint:
            return {
                module: {int(line): specs for line, specs in lines.items()}
                for module, lines in stored["lines"].items()
            }, stored["failing"]
    with tempfile.TemporaryDirectory(prefix="conformance-strength-map-") as scratch:
        data_file = Path(scratch) / ".coverage"
        pytest_args = child_pytest_args()
        if suite is not None:
            ini = suite / "conformance" / "pytest-specs.ini"
            pytest_args = ["-c", str(ini), "--rootdir", str(suite)]
        command = [
            sys.executable, "-m", "coverage", "run", f"--source={package}",
            f"--data-file={data_file}", "-m", "pytest", str(specs_dir), *pytest_args,
            "-q", "--no-header", "--target", reference, "--spec-timeout", str(spec_timeout),
            "-p", "conformance.strength.contexts", "-rfE",
        ]  # fmt: skip
        completed = subprocess.run(
            command, cwd=scratch, capture_output=True, text=True, check=False,
            env=_environment(*([suite] if suite is not None else [])),
        )  # fmt: skip
        failing = sorted({_spec_id(found) for found in _FAILED_LINE.findall(completed.stdout)})
        if completed.returncode not in (0, 1) or not data_file.exists():
            last = (completed.stdout or completed.stderr).strip().splitlines()[-1:]
            raise StrengthError(
                f"the suite could not run on {reference}: {' '.join(last) or 'no output'}"
            )
        from coverage import CoverageData

        data = CoverageData(str(data_file))
        data.read()
        lines: LineMap = {}
        for filename in data.measured_files():
            module = Path(filename).resolve().relative_to(package).as_posix()
            by_line = data.contexts_by_lineno(filename)
            lines[module] = {
                line: sorted(set(contexts) - {"", *failing}) for line, contexts in by_line.items()
            }
            # Lines run while the module was imported (outside every spec):
            # kept under line 0, see specs_for.
            lines[module][0] = sorted(
                str(line) for line, contexts in by_line.items() if "" in contexts
            )
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        stored = {"fingerprint": fingerprint, "failing": failing, "lines": lines}
        cache.write_text(json.dumps(stored), encoding="utf-8")
    return lines, failing


def specs_for(mutant: Mutant, line_map: LineMap) -> list[str]:
    """The specs that can notice *mutant*: those executing the statement that holds it.

    A change to code run at import (a default value, a class attribute, a
    decorator) is seen by the specs executing the function, class or module
    it configures, not by whichever spec happened to import the module.
    """
    lines = line_map.get(mutant.module, {})
    first, last = mutant.statement_lines
    if mutant.import_time:
        first, last = mutant.scope_lines
    found: set[str] = set()
    for line in range(first, last + 1):
        found.update(lines.get(line, ()))
    if mutant.import_time and mutant.scope_kind in ("module", "class"):
        # A module-level name (a context proxy, a signal, a message) or a
        # class attribute is read from other modules' code, often without
        # running a line of its own module: any spec of the suite may notice it.
        return _ordered({spec for other in line_map.values() for spec in _specs_of(other)})
    if mutant.import_time and mutant.scope_kind == "decorator":
        # What a decorator builds at import (a Click command's options and
        # their help, a registered route) is read by specs that never call
        # the function, nor any line of its module (reading
        # ``run_command.params``): the module's specs first, then the suite.
        found.update(_specs_of(lines))
        everyone = {spec for other in line_map.values() for spec in _specs_of(other)}
        return _ordered(found) + _ordered(everyone - found)
    run_at_import = {int(line) for line in lines.get(0, ())}
    if not mutant.import_time and run_at_import & set(range(first, last + 1)):
        # A function body that also runs at import (the module builds an
        # object with it, like ``flask.cli.cli``): any spec of the module may
        # use what it built.
        found.update(_specs_of(lines))
    if len(found) == 1 and mutant.function_lines != (0, 0):
        # One spec alone ran the statement: often the first caller in the
        # process filling a cache (a version looked up once), whose value
        # every later caller of the function uses. Those callers come after.
        start, end = mutant.function_lines
        callers = {spec for line in range(start, end + 1) for spec in lines.get(line, ())}
        return _ordered(found) + _ordered(callers - found)
    return _ordered(found)


def _specs_of(lines: dict[int, list[str]]) -> set[str]:
    return {spec for line, specs in lines.items() if line for spec in specs}


def _ordered(specs: set[str]) -> list[str]:
    """Specs grouped by file, the files that hold most of them first (one quick batch
    then touches few files, and collection is most of a small run)."""
    per_file: dict[str, int] = {}
    for spec in specs:
        per_file[spec.split("::")[0]] = per_file.get(spec.split("::")[0], 0) + 1
    return sorted(specs, key=lambda spec: (-per_file[spec.split("::")[0]], spec))


# Running one mutant ---------------------------------------------------------------


def reference_version(reference: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(reference)
    except PackageNotFoundError:
        return "unknown"


def _spec_id(reported: str) -> str:
    """A node id as the map keeps it, from pytest's summary (relative to the child's folder)."""
    marker = "conformance/specs/"
    return marker + reported.split(marker, 1)[1] if marker in reported else reported


def _environment(*first_on_path: Path) -> dict[str, str]:
    environment = dict(os.environ)
    entries = [str(path) for path in first_on_path]
    entries += [
        os.path.abspath(entry)
        for entry in environment.get("PYTHONPATH", "").split(os.pathsep)
        if entry
    ]
    entries.append(str(REPOSITORY_DIR))
    environment["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(entries))
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


class Workspace:
    """A private copy of the reference package and of the suite, reused mutant after mutant.

    The package copy goes first on the child's ``PYTHONPATH``; one module of
    it is changed for a mutant and put back afterwards. The suite copy (specs
    and fixtures) is where the child runs: a mutant can make a spec leave
    files behind (a mode check removed, and ``open_resource`` creates the file
    it was asked to write), so after each mutant the copy is compared with
    what it was and set back, and the litter cannot fail the next mutants.
    """

    def __init__(self, root: Path, package: Path, source: Path = REPOSITORY_DIR) -> None:
        """:param source: where the suite is copied from: the repository, or a
        :func:`freeze_suite` copy shared by the whole measurement."""
        self.root = root
        self.source = source
        self.package = root / package.name
        self.suite = root / "suite"
        # copy2 keeps modification times, so the unchanged modules' cached
        # bytecode stays valid and only the mutated one is compiled again.
        shutil.copytree(package, self.package, copy_function=shutil.copy2)
        for part in SUITE_PARTS:
            shutil.copytree(
                source / part, self.suite / part, symlinks=True,
                copy_function=shutil.copy2, ignore=shutil.ignore_patterns(".pytest_cache"),
            )  # fmt: skip
        self.snapshot = _snapshot(self.suite)

    def mutate(self, mutant: Mutant) -> bytes:
        """Make the change; returns the module's original bytes, for :meth:`restore`."""
        module = self.package / mutant.module
        original = module.read_bytes()
        module.write_bytes(mutant.apply(original))
        _forget_bytecode(module)
        return original

    def restore(self, mutant: Mutant, original: bytes) -> None:
        module = self.package / mutant.module
        module.write_bytes(original)
        _forget_bytecode(module)
        now = _snapshot(self.suite)
        for relative in now.keys() - self.snapshot.keys():
            (self.suite / relative).unlink(missing_ok=True)
        for relative, facts in self.snapshot.items():
            if now.get(relative) != facts:
                copied = self.suite / relative
                copied.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.source / relative, copied, follow_symlinks=False)
                stat = copied.lstat()
                self.snapshot[relative] = (stat.st_size, stat.st_mtime_ns)


def _forget_bytecode(module: Path) -> None:
    for cached in (module.parent / "__pycache__").glob(f"{module.stem}.*.pyc"):
        cached.unlink(missing_ok=True)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under *folder* but bytecode: relative path -> (size, modification time)."""
    facts = {}
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        for name in files:
            path = Path(directory) / name
            stat = path.lstat()
            facts[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return facts


def _run_specs(
    specs: list[str], workspace: Workspace, reference: str, spec_timeout: float, time_limit: float
) -> tuple[str, str | None, str | None]:
    """Run *specs* against the workspace's copy; ``(outcome, failing spec, detail)``."""
    copy_root, suite = workspace.root, workspace.suite
    command = [
        sys.executable, "-m", "pytest", *(str(suite / spec) for spec in specs),
        "-c", str(suite / "conformance" / "pytest-specs.ini"), "--rootdir", str(suite), "-q", "--no-header", "-x",
        "-p", "no:cacheprovider", "--target", reference, "--spec-timeout", str(spec_timeout),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=copy_root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, start_new_session=True,
        env=_environment(copy_root, suite),
    )  # fmt: skip
    try:
        output, _ = process.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return TIMEOUT, None, f"still running after {time_limit:g}s"
    status = process.returncode
    if status == 0:
        return SURVIVED, None, None
    failed = _FAILED_LINE.search(output)
    if status in (1, 2, 3) or status < 0:
        # 1: a spec failed; 2/3: the mutant broke collection or pytest itself;
        # negative: the child died of a signal. All are the mutant noticed.
        last = output.strip().splitlines()[-1:] if output.strip() else []
        spec = _spec_id(failed.group(1)) if failed else None
        return KILLED, spec, " ".join(last)[:200] or None
    return (
        ERROR,
        None,
        f"pytest exit status {status}: {' '.join(output.strip().splitlines()[-1:])[:200]}",
    )


def run_mutant(
    mutant: Mutant,
    package: Path,
    specs: list[str],
    reference: str,
    spec_timeout: float,
    time_limit: float = CHILD_TIME_LIMIT,
    workspace: Workspace | None = None,
) -> MutantResult:
    """Make the mutant in a copy of the package and run *specs* against it.

    :param workspace: the copies to use (a parallel run keeps one per job);
        without one, fresh copies are made and removed.
    """
    result = MutantResult(
        id=mutant.id, module=mutant.module, line=mutant.line, operator=mutant.operator,
        original=mutant.original, replacement=mutant.replacement, outcome=NO_COVERAGE,
        specs=len(specs),
    )  # fmt: skip
    if not specs:
        return result
    if workspace is None:
        with tempfile.TemporaryDirectory(prefix="conformance-mutant-") as scratch:
            return run_mutant(
                mutant, package, specs, reference, spec_timeout, time_limit,
                Workspace(Path(scratch), package),
            )  # fmt: skip
    started = time.monotonic()
    original = workspace.mutate(mutant)
    try:
        for batch in (specs[:FIRST_BATCH], specs[FIRST_BATCH:]):
            if not batch:
                continue
            outcome, failing, detail = _run_specs(
                batch, workspace, reference, spec_timeout, time_limit
            )
            result.outcome, result.killed_by, result.detail = outcome, failing, detail
            if outcome != SURVIVED:
                break
    finally:
        workspace.restore(mutant, original)
    result.seconds = round(time.monotonic() - started, 2)
    return result


# The whole measurement -----------------------------------------------------------


def select_modules(population: list[Mutant], modules: list[str] | None) -> list[Mutant]:
    """The mutants of *modules* only (paths inside the package, like ``cli.py`` or
    ``sansio/app.py``), so one module can be scored in full; all of them without *modules*.

    A name matching no module is refused: a typo would otherwise score nothing.
    """
    if not modules:
        return list(population)
    known = {mutant.module for mutant in population}
    unknown = [name for name in modules if name not in known]
    if unknown:
        raise StrengthError(
            f"no such module in the package: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})"
        )
    wanted = set(modules)
    return [mutant for mutant in population if mutant.module in wanted]


def draw_sample(population: list[Mutant], size: int | None, seed: int) -> list[Mutant]:
    """The same mutants for the same seed and size, in the population's order."""
    if size is None or size >= len(population):
        return list(population)
    chosen = set(random.Random(seed).sample(range(len(population)), size))
    return [mutant for index, mutant in enumerate(population) if index in chosen]


def measure_strength(
    reference: str,
    sample: int | None,
    seed: int,
    jobs: int,
    spec_timeout: float,
    equivalents: dict[str, str],
    line_map_cache: Path | None = None,
    progress: Callable[[int, int, MutantResult], None] | None = None,
    killed_before: dict[str, MutantResult] | None = None,
    modules: list[str] | None = None,
) -> StrengthRun:
    """Score the suite against a sample of mutants of *reference*'s installed package.

    :param killed_before: mutants an earlier run killed, by id: taken as
        killed without running them again (specs were added since, none
        removed), so a run after new specs only re-runs the survivors.
    :param modules: draw only from these modules' mutants (see :func:`select_modules`).
    """
    started = time.monotonic()
    try:
        package = package_dir(reference)
    except Exception as error:  # the coverage module's own error, one line
        raise StrengthError(str(error)) from None
    population = select_modules(package_mutants(package), modules)
    chosen = draw_sample(population, sample, seed)
    run = StrengthRun(
        reference=reference, version=reference_version(reference), seed=seed,
        sample=len(chosen), population=len(population), jobs=jobs, modules=list(modules or []),
    )  # fmt: skip
    scratch = tempfile.TemporaryDirectory(prefix="conformance-strength-")
    frozen = freeze_suite(Path(scratch.name) / "frozen")
    try:
        line_map, run.failing_specs = build_line_map(
            reference, package, spec_timeout, line_map_cache, frozen
        )
    except BaseException:
        scratch.cleanup()
        raise

    def settled(mutant: Mutant) -> MutantResult:
        """An equivalent mutant, or one an earlier run killed: nothing to run."""
        if mutant.id in equivalents:
            return MutantResult(
                id=mutant.id, module=mutant.module, line=mutant.line, operator=mutant.operator,
                original=mutant.original, replacement=mutant.replacement, outcome=EQUIVALENT,
                detail=equivalents[mutant.id],
            )  # fmt: skip
        run.carried_over += 1
        return (killed_before or {})[mutant.id]

    results: dict[str, MutantResult] = {}
    free: queue.Queue[Workspace] = queue.Queue()
    numbers = itertools.count()

    def workspace() -> Workspace:
        try:
            return free.get_nowait()
        except queue.Empty:  # one workspace per job, made when first needed
            return Workspace(Path(scratch.name) / str(next(numbers)), package, frozen)

    def one(mutant: Mutant) -> MutantResult:
        if mutant.id in equivalents or mutant.id in (killed_before or {}):
            return settled(mutant)
        specs = specs_for(mutant, line_map)
        if not specs:
            return run_mutant(mutant, package, specs, reference, spec_timeout)
        taken = workspace()
        try:
            return run_mutant(mutant, package, specs, reference, spec_timeout, workspace=taken)
        finally:
            free.put(taken)

    with scratch, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # Each worker thread drives one child process at a time: jobs children at once.
        futures = [pool.submit(one, mutant) for mutant in chosen]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[result.id] = result
            if progress is not None:
                progress(done, len(chosen), result)
    run.results = [results[mutant.id] for mutant in chosen]
    run.seconds = round(time.monotonic() - started, 1)
    return run


def load_kills(path: Path) -> dict[str, MutantResult]:
    """The killed mutants of an earlier run's JSON report, by id."""
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
        results = [MutantResult(**result) for result in facts["results"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StrengthError(f"cannot read {path}: {error}") from None
    return {result.id: result for result in results if result.killed}


def to_json(run: StrengthRun, scores: dict) -> dict:
    facts = asdict(run)
    facts["scores"] = scores
    return facts
