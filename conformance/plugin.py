"""The pytest plugin: targets, areas, expectations and per-spec timeouts.

Registered through the ``pytest11`` entry point, so ``python -m pytest`` runs
the specs over the default targets (``impl`` and ``flask``). It only touches
tests that live under ``conformance/specs`` and ask for the ``target`` fixture;
everything else pytest collects is left alone.
"""

from __future__ import annotations

import contextvars
import copy
import gc
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol  # what pytest's own protocol hook runs

from conformance import leftovers
from conformance.areas import area_of, discover_areas, parse_area_option
from conformance.capabilities import UnknownCapability, check_names
from conformance.evidence import ALL, MODES, OFF, Recorder
from conformance.expectations import Expectations, ExpectationsError, load_expectations
from conformance.paths import SPECS_DIR
from conformance.results import (
    ERROR,
    EXPECTED_FAILURE,
    FAILED,
    NOT_PASSING,
    PASSED,
    SKIPPED,
    TIMEOUT,
    UNEXPECTED_PASS,
    UNSUPPORTED,
    SpecResult,
    read_jsonl,
)
from conformance.targets import Target, TargetError, Unsupported, load_target

DEFAULT_TARGETS = ("impl", "flask")
DEFAULT_TIMEOUT = 10.0
MESSAGE_LIMIT = 600

spec_key = pytest.StashKey["SpecInfo"]()
timed_out_key = pytest.StashKey[bool]()
unsupported_key = pytest.StashKey[str]()
state_key = pytest.StashKey["ConformanceState"]()
#: The spec's evidence recorder (set by the ``app`` fixture, see conformance/evidence.py).
recorder_key = pytest.StashKey[Recorder]()
#: Set when the spec's setup or call raised: its evidence will be wanted.
raised_key = pytest.StashKey[bool]()


class SpecTimeout(BaseException):
    """Raised in a spec that outlives ``--spec-timeout``.

    A BaseException, so an implementation's ``except Exception`` (an error
    handler turning it into a 500 response, say) cannot swallow it.
    """


class SpecInfo:
    __slots__ = ("area", "expected", "id", "requires", "target")

    def __init__(
        self,
        spec_id: str,
        area: str,
        target: str,
        expected: str | None,
        requires: tuple[str, ...] = (),
    ) -> None:
        self.id = spec_id
        self.area = area
        self.target = target
        self.expected = expected
        self.requires = requires


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Flask conformance specs")
    group.addoption(
        "--target",
        action="append",
        dest="conformance_targets",
        metavar="NAME",
        help="run the specs against this target (repeatable; default: impl and flask)",
    )
    group.addoption(
        "--area",
        action="append",
        dest="conformance_areas",
        metavar="NAME[,NAME]",
        help="run only the specs of these areas",
    )
    group.addoption(
        "--expectations",
        dest="conformance_expectations",
        metavar="DIR",
        help="directory of <target>.txt expectation files (default: fixtures/expectations)",
    )
    group.addoption(
        "--spec-timeout",
        dest="conformance_timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a spec after this long and grade it timeout (default {DEFAULT_TIMEOUT:g}; 0: off)",
    )
    group.addoption(
        "--evidence",
        dest="conformance_evidence",
        choices=MODES,
        default="failures",
        help="keep what each spec's client sent and got, and the lifecycle trace, for failing "
        "specs (failures, the default), for every spec (all), or record nothing (off)",
    )
    group.addoption(
        "--conformance-results",
        dest="conformance_results",
        metavar="FILE",
        help="stream one JSON record per spec and target to FILE (used by the conformance command)",
    )
    group.addoption(
        "--conformance-resume",
        dest="conformance_resume",
        action="store_true",
        help="skip the specs that already have a record in --conformance-results",
    )


#: Set by the conformance command to its own pid in the environment of each test process.
RUNNER_PID_VARIABLE = "CONFORMANCE_RUNNER_PID"


def pytest_configure(config: pytest.Config) -> None:
    runner_pid = os.environ.get(RUNNER_PID_VARIABLE)
    if config.option.conformance_results and runner_pid and str(os.getppid()) != runner_pid:
        # A target started this process again (a reloader re-running
        # sys.argv, say): it must not run the specs a second time, nor write
        # to the runner's results stream.
        raise pytest.UsageError(
            "this test process was started by a target, not by the conformance command; "
            "it runs nothing"
        )
    config.addinivalue_line("markers", "area(name): the spec area a conformance spec belongs to")
    config.addinivalue_line(
        "markers",
        "requires(*capabilities): capabilities of Flask's API the spec needs "
        "(graded unsupported on a target that declares one of them unsupported)",
    )
    config.stash[state_key] = ConformanceState(config)
    config.pluginmanager.register(ContextIsolation(), "conformance-context-isolation")
    if config.option.conformance_results:
        # An exception a target raises while the garbage collector finalizes
        # its objects (a generator closed late, say) surfaces in whichever
        # spec runs at that moment, or between specs. Under the conformance
        # command it is reported as an incident of the run (see
        # FinalizationIncidents and _finalize_what_a_failure_kept) rather
        # than failing an unrelated spec or, raised inside pytest's own
        # hooks, stopping the test process.
        config.addinivalue_line(
            "filterwarnings", "default::pytest.PytestUnraisableExceptionWarning"
        )
        # The line above reaches each spec; this reaches the session's end.
        warnings.filterwarnings("default", category=pytest.PytestUnraisableExceptionWarning)
        config.pluginmanager.register(FinalizationIncidents(config.stash[state_key]))


class FinalizationIncidents:
    """Streams each exception raised during finalization as an ``incident`` record."""

    def __init__(self, state: ConformanceState) -> None:
        self.state = state

    def pytest_warning_recorded(
        self, warning_message: warnings.WarningMessage, when: str, nodeid: str
    ) -> None:
        if not issubclass(warning_message.category, pytest.PytestUnraisableExceptionWarning):
            return
        where = f"while {nodeid} ran" if nodeid else f"during {when}"
        raised = _describe_unraisable(str(warning_message.message))
        self.state.emit({"kind": "incident", "what": f"{raised} escaped {where}"})


def _describe_unraisable(text: str) -> str:
    """``RuntimeError: boom (finalizing <object>)`` from the text of pytest's warning."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    hints = ("Enable tracemalloc", "See https")
    # The exception line closes the traceback, before pytest's hint lines.
    body = [line for line in lines[1:] if not line.startswith(hints)]
    raised = body[-1] if body else "an exception"
    finalizing = lines[0].removeprefix("Exception ignored in: ") if lines else "an object"
    return f"{raised} (finalizing {finalizing})"


class ConformanceState:
    """Per-session bookkeeping: loaded targets, expectations, results."""

    def __init__(self, config: pytest.Config) -> None:
        option = config.option
        self.target_names: list[str] = list(
            dict.fromkeys(option.conformance_targets or DEFAULT_TARGETS)
        )
        self.areas = parse_area_option(option.conformance_areas)
        known = discover_areas()
        unknown = [name for name in self.areas if name not in known]
        if unknown:
            raise pytest.UsageError(
                f"unknown area {unknown[0]!r}; known areas: {', '.join(known) or 'none'}"
            )
        directory = option.conformance_expectations
        self.expectations_dir = Path(directory) if directory else None
        if self.expectations_dir is not None and not self.expectations_dir.is_dir():
            raise pytest.UsageError(f"expectations directory not found: {directory}")
        self.expectations: dict[str, Expectations] = {}
        for name in self.target_names:
            try:
                self.expectations[name] = load_expectations(name, self.expectations_dir)
            except ExpectationsError as error:
                raise pytest.UsageError(str(error)) from None
        self.area_requires = {name: area.requires for name, area in known.items()}
        self.timeout: float = option.conformance_timeout
        self.targets: dict[str, Target | TargetError] = {}
        self.results: list[SpecResult] = []
        self.stream = None
        self.pid = os.getpid()
        self.done: set[tuple[str, str]] = set()
        if option.conformance_results and option.conformance_resume:
            done = read_jsonl(Path(option.conformance_results))
            self.done = {(result.id, result.target) for result in done}
        if option.conformance_results:
            self.stream = open(option.conformance_results, "a", encoding="utf-8")  # noqa: SIM115

    def emit(self, record: dict[str, Any]) -> None:
        if self.stream is not None:
            # The pid lets the runner ignore records from any other process
            # that got hold of the stream (one a target started, say).
            self.stream.write(json.dumps({**record, "pid": self.pid}) + "\n")
            self.stream.flush()

    def target(self, name: str) -> Target:
        if name not in self.targets:
            try:
                loaded: Target | TargetError = load_target(name)
            except TargetError as error:
                loaded = error
                self.emit({"kind": "target", "name": name, "error": str(error)})
            else:
                self.emit({"kind": "target", "name": name, "version": loaded.adapter.version})
                for incident in loaded.incidents:
                    self.emit({"kind": "incident", "what": incident})
            self.targets[name] = loaded
        loaded = self.targets[name]
        if isinstance(loaded, TargetError):
            raise loaded
        return loaded


def _state(config: pytest.Config) -> ConformanceState:
    return config.stash[state_key]


def _is_spec(path: Path) -> bool:
    return area_of(Path(path)) is not None


@pytest.hookimpl(trylast=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # trylast: the target's id comes after the spec's own parameters, so
    # every spec id ends in [flask], [impl] or [case-flask].
    if "target" in metafunc.fixturenames and _is_spec(metafunc.definition.path):
        names = _state(metafunc.config).target_names
        metafunc.parametrize("target", names, indirect=True, ids=names, scope="session")


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Target:
    """The implementation under test; its attributes are Flask's public API."""
    return _state(request.config).target(request.param)


def spec_id_of(item: pytest.Item, target_name: str) -> str:
    """The stable id of a spec: its node id below ``specs/``, without the target."""
    relative = Path(item.path).resolve().relative_to(SPECS_DIR).as_posix()
    name = item.name
    if name.endswith(f"[{target_name}]"):
        name = name[: -len(target_name) - 2]
    elif name.endswith(f"-{target_name}]"):
        name = name[: -len(target_name) - 2] + "]"
    return f"{relative}::{name}"


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    state = _state(config)
    selected, deselected = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        area = area_of(Path(item.path))
        if area is None or callspec is None or "target" not in callspec.params:
            selected.append(item)
            continue
        if state.areas and area not in state.areas:
            deselected.append(item)
            continue
        target_name = callspec.params["target"]
        spec_id = spec_id_of(item, target_name)
        if (spec_id, target_name) in state.done:
            deselected.append(item)
            continue
        expected = state.expectations[target_name].reason_for(spec_id)
        requires = list(state.area_requires.get(area, ()))
        for marker in item.iter_markers("requires"):
            try:
                requires += check_names(marker.args, f"the requires marker of {spec_id}")
            except UnknownCapability as error:
                raise pytest.UsageError(str(error)) from None
        item.stash[spec_key] = SpecInfo(
            spec_id, area, target_name, expected, tuple(dict.fromkeys(requires))
        )
        item.add_marker(pytest.mark.area(area))
        if expected is not None:
            item.add_marker(pytest.mark.xfail(reason=f"expected failure: {expected}", strict=True))
        selected.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def pytest_collection_finish(session: pytest.Session) -> None:
    # Under the conformance command, import the targets before the first spec
    # so that a target that cannot load is reported once, as such.
    state = _state(session.config)
    if state.stream is None:
        return
    # Counted once every plugin has selected (``-k``, ``--deselect`` included).
    state.emit(
        {"kind": "collected", "count": sum(spec_key in item.stash for item in session.items)}
    )
    for name in state.target_names:
        try:
            state.target(name)
        except TargetError as error:
            raise pytest.UsageError(str(error)) from None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # A spec needing a capability its target declares unsupported does not
    # run at all: not even its fixtures, which could need the capability too.
    info = item.stash.get(spec_key, None)
    if info is None or not info.requires:
        return
    try:
        target = _state(item.config).target(info.target)
    except TargetError:
        return  # the target fixture reports it
    for capability in info.requires:
        reason = target.lacks(capability)
        if reason is not None:
            raise Unsupported(capability, reason)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    # The cases of a parametrized spec are shared by its items for every
    # target: give each run its own copy, so a spec that changes its input
    # cannot change what the next target sees.
    if spec_key in item.stash:
        funcargs = item.funcargs  # type: ignore[attr-defined]
        for name in item.callspec.params:  # type: ignore[attr-defined]
            if name != "target" and name in funcargs:
                funcargs[name] = copy.deepcopy(funcargs[name])


def _alarm(signum: int, frame: Any) -> None:
    raise SpecTimeout("the spec did not finish within --spec-timeout")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    info = item.stash.get(spec_key, None)
    state = _state(item.config)
    if info is not None:
        state.emit({"kind": "start", "id": info.id, "target": info.target})
    armed = (
        info is not None
        and state.timeout > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    watched = info is not None and state.stream is not None
    before = leftovers.snapshot() if watched else None
    if armed:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, state.timeout)
    try:
        return (yield)
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if info is not None:
            _restore_clean_state(state, info)
        if watched:
            _finalize_what_a_failure_kept(state, info.id)
            _stop_what_the_spec_left_running(state, info.id, before)


class ContextIsolation:
    """Runs each spec, fixtures included, in a copy of the current ``contextvars`` context.

    Whatever context variables a spec sets (an application or request context
    it pushed and never popped, say) are dropped with the copy when it ends,
    so a spec that leaks a context fails alone and later specs start clean.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> bool | None:
        if spec_key not in item.stash:
            return None
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        contextvars.copy_context().run(runtestprotocol, item, nextitem=nextitem)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True


def _restore_clean_state(state: ConformanceState, info: SpecInfo) -> None:
    """Let the target's adapter undo what a spec left behind outside context variables."""
    target = state.targets.get(info.target)
    if not isinstance(target, Target):
        return
    try:
        target.adapter.restore_clean_state()
    except Exception as error:
        state.emit(
            {
                "kind": "incident",
                "what": f"restoring a clean state after {info.id} raised "
                f"{type(error).__name__}: {error}",
            }
        )


def _stop_what_the_spec_left_running(
    state: ConformanceState, spec_id: str, before: leftovers.Snapshot | None
) -> None:
    """Kill processes a spec left running; restart the test process if it left a server."""
    if before is None:
        return
    after = leftovers.snapshot()
    processes = sorted(after.children - before.children)
    if processes:
        leftovers.kill_tree(processes)
        state.emit(
            {
                "kind": "incident",
                "what": f"{spec_id} left {len(processes)} process(es) running "
                f"(pid {', '.join(map(str, processes))}); killed",
            }
        )
    servers = sorted(after.listening - before.listening)
    if servers:
        state.emit(
            {
                "kind": "incident",
                "what": f"{spec_id} left a server listening on {', '.join(servers)}; "
                "the test process restarts to free it",
            }
        )
        state.emit({"kind": "restart"})
        if state.stream is not None:
            state.stream.close()
        # Nothing else can stop a server thread the target owns; ending the
        # process frees its port, and the runner resumes after this spec.
        os._exit(0)


def _finalize_what_a_failure_kept(state: ConformanceState, spec_id: str) -> None:
    """Free what a failed spec's traceback kept alive, now rather than at a random later time.

    pytest keeps the last failure in ``sys.last_traceback`` (for post-mortem
    debugging), so the target objects in its frames (an unfinished generator,
    say) are finalized whenever the next failure replaces it, or the garbage
    collector gets to them: a finalizer that raises then lands in another spec,
    and, inside the compiler, can even stop the test process (CPython 3.11).
    Collected here, what such finalizers raise becomes an incident of the run.
    """
    if getattr(sys, "last_value", None) is None:
        return
    sys.last_type = sys.last_value = sys.last_traceback = None
    if hasattr(sys, "last_exc"):
        sys.last_exc = None
    raised: list[Any] = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = raised.append
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous_hook
    for unraisable in raised:
        error = unraisable.exc_value
        what = f"{type(error).__name__}: {error}" if error is not None else "an exception"
        state.emit(
            {
                "kind": "incident",
                "what": f"{what} (finalizing {unraisable.object!r}) escaped after {spec_id} failed",
            }
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if call.excinfo is not None and call.when in ("setup", "call"):
        item.stash[raised_key] = True
    if call.excinfo is not None and call.excinfo.errisinstance(SpecTimeout):
        item.stash[timed_out_key] = True
    if call.excinfo is not None and call.excinfo.errisinstance(Unsupported):
        # Not a failure of the target's behaviour: the target does not offer
        # the capability. Reported to pytest as a skip with the reason (so a
        # plain pytest run does not fail on it) and graded unsupported.
        unsupported: Unsupported = call.excinfo.value  # type: ignore[assignment]
        reason = f"{unsupported.capability}: {unsupported.reason}"
        item.stash[unsupported_key] = reason
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"unsupported: {reason}")
        if hasattr(report, "wasxfail"):
            del report.wasxfail
    return report


class ResultCollector:
    """Grades the phase reports of each spec into one :class:`SpecResult`."""

    def __init__(self, state: ConformanceState) -> None:
        self.state = state
        self.reports: dict[str, list[pytest.TestReport]] = {}
        self.items: dict[str, pytest.Item] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if spec_key in item.stash:
            self.items[item.nodeid] = item

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.nodeid in self.items:
            self.reports.setdefault(report.nodeid, []).append(report)

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        item = self.items.pop(nodeid, None)
        if item is None:
            return
        result = grade(item, self.reports.pop(nodeid, []))
        self.state.results.append(result)
        self.state.emit({"kind": "result", **result.to_json()})


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.pluginmanager.register(
        ResultCollector(_state(session.config)), "conformance-results"
    )


def grade(item: pytest.Item, reports: list[pytest.TestReport]) -> SpecResult:
    info: SpecInfo = item.stash[spec_key]
    outcome, message = PASSED, ""
    unsupported = item.stash.get(unsupported_key, None)
    for report in [] if unsupported is not None else reports:
        wasxfail = getattr(report, "wasxfail", None)
        if report.skipped and wasxfail is not None:
            outcome, message = EXPECTED_FAILURE, _message(report)
            break
        if report.skipped:
            outcome, message = SKIPPED, _message(report)
            break
        if report.failed:
            longrepr = str(report.longrepr)
            if longrepr.startswith("[XPASS(strict)]"):
                outcome, message = UNEXPECTED_PASS, "passes, but is listed as an expected failure"
            elif item.stash.get(timed_out_key, False):
                outcome, message = TIMEOUT, f"no result within {_state(item.config).timeout:g}s"
            else:
                outcome = FAILED if report.when == "call" else ERROR
                message = _message(report)
            break
    if outcome == UNEXPECTED_PASS:
        # The body passed, but the spec's teardown (the check that no context
        # is left pushed, say) failed: the target did not show the behaviour,
        # as its expectations file says.
        # (pytest reports such a teardown as an expected failure itself.)
        broken = [
            report
            for report in reports
            if report.when == "teardown"
            and (report.failed or getattr(report, "wasxfail", None) is not None)
        ]
        if broken:
            outcome, message = EXPECTED_FAILURE, _message(broken[0])
    if unsupported is not None:
        outcome, message = UNSUPPORTED, unsupported
    duration = sum(report.duration for report in reports)
    recorder = item.stash.get(recorder_key, None)
    evidence = None
    if recorder is not None:
        del item.stash[recorder_key]  # items live as long as the session: let it go
        if outcome in NOT_PASSING or item.config.option.conformance_evidence == ALL:
            evidence = recorder.evidence()
    return SpecResult(
        id=info.id,
        target=info.target,
        area=info.area,
        outcome=outcome,
        duration=round(duration, 6),
        message=message,
        expected=info.expected,
        evidence=evidence,
    )


def evidence_wanted(item: pytest.Item) -> bool:
    """Whether the spec's evidence will be kept: every spec's under ``--evidence all``,
    else a spec's whose setup or call raised (a failure, an expected one included)."""
    mode = item.config.getoption("conformance_evidence", OFF)
    return mode == ALL or (mode != OFF and item.stash.get(raised_key, False))


def _message(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        text = crash.message
    elif isinstance(longrepr, tuple) and len(longrepr) == 3:
        text = str(longrepr[2])
    else:
        text = str(longrepr or "")
        text = text.strip().splitlines()[-1] if text.strip() else ""
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    state = _state(config)
    if not state.results:
        return
    from conformance.report import render_run_summary

    for line in render_run_summary(state.results, state.target_names):
        terminalreporter.write_line(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(state_key, None)
    if state is not None and state.stream is not None:
        state.stream.close()
