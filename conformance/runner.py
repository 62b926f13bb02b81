"""Running the suite against one target in a process of its own.

Each target runs in a child ``python -m pytest`` that streams one JSON record
per spec to a file. The parent reads the stream for progress and keeps the run
going when the target misbehaves: a child that crashes (a segfault,
``os._exit``) or hangs past the watchdog is killed, the spec it was running is
graded ``error`` or ``timeout``, and a new child resumes after it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from conformance import leftovers
from conformance.expectations import load_expectations
from conformance.paths import SPECS_DIR, child_pytest_args
from conformance.plugin import RUNNER_PID_VARIABLE
from conformance.results import ERROR, EXPECTED_FAILURE, TIMEOUT, SpecResult

#: pytest's exit statuses that mean "the session ran to its end".
FINISHED = {0, 1, 5}
INTERRUPTED = 2  # pytest stops before running anything when collection fails
USAGE_ERROR = 4
MAX_RESTARTS = 20


@dataclass
class TargetRun:
    """Everything one target's run produced."""

    name: str
    results: list[SpecResult] = field(default_factory=list)
    version: str | None = None
    error: str | None = None  # the target could not be used at all
    incidents: list[str] = field(default_factory=list)  # crashes and hangs, one line each
    total: int | None = None
    usage_error: str | None = None

    @property
    def done(self) -> int:
        return len(self.results)

    def facts(self) -> dict:
        return {"version": self.version, "error": self.error, "incidents": self.incidents}


class TargetProcess:
    """One target's child process, watched and restarted until its specs are done."""

    def __init__(
        self,
        name: str,
        areas: list[str],
        spec_timeout: float,
        expectations_dir: Path | None,
        workdir: Path,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.run = TargetRun(name)
        self.areas = areas
        self.spec_timeout = spec_timeout
        self.expectations_dir = expectations_dir
        self.workdir = workdir
        self.results_path = workdir / f"{_safe(name)}.jsonl"
        self.log_path = workdir / f"{_safe(name)}.log"
        self.extra_args = extra_args
        # The watchdog: a child silent for this long is stuck beyond the reach
        # of the in-process timeout (a spec blocking signals, say).
        self.silence_limit = (spec_timeout * 2 + 5) if spec_timeout > 0 else None
        self.process: subprocess.Popen | None = None
        self.offset = 0
        self.running_spec: tuple[str, str] | None = None
        self.areas_of: dict[str, str] = {}
        self.last_activity = time.monotonic()
        self.restarts = 0
        self.finished = False
        self.restart_requested = False  # the child asked to be restarted (it left a server)
        self.graded: set[tuple[str, str]] = set()
        self.foreign_records = 0
        self.child_results = 0  # results graded by the current child

    def command(self, resume: bool) -> list[str]:
        # Collect only the selected areas' folders: collection is most of a small run.
        paths = [str(SPECS_DIR / area) for area in self.areas] or [str(SPECS_DIR)]
        command = [
            sys.executable, "-m", "pytest", *paths, *child_pytest_args(), "-q", "--no-header",
            "--target", self.run.name,
            "--spec-timeout", str(self.spec_timeout),
            "--conformance-results", str(self.results_path),
        ]  # fmt: skip
        if resume:
            command.append("--conformance-resume")
        if self.areas:
            command += ["--area", ",".join(self.areas)]
        if self.expectations_dir is not None:
            # Absolute: the child runs in the run's scratch folder.
            command += ["--expectations", str(Path(self.expectations_dir).resolve())]
        return command + list(self.extra_args)

    def start(self, resume: bool = False) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child owns it from here)
        self.restart_requested = False
        self.child_results = 0
        self.process = subprocess.Popen(
            self.command(resume),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.workdir,  # litter a spec leaves in its folder goes with the run
            start_new_session=True,
            env=self._child_environment(),
        )
        log.close()
        self.last_activity = time.monotonic()

    def _child_environment(self) -> dict[str, str]:
        """The parent's environment, with its import path made to work from the child's folder.

        The child runs in the run's scratch folder: relative ``PYTHONPATH``
        entries are made absolute, and the folder the command was started
        from stays importable when it was for the parent (``python -m``).
        """
        environment = dict(os.environ)
        entries = [
            os.path.abspath(entry)
            for entry in environment.get("PYTHONPATH", "").split(os.pathsep)
            if entry
        ]
        if sys.path and sys.path[0] in ("", os.getcwd()):
            entries.append(os.getcwd())
        if entries:
            environment["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(entries))
        environment[RUNNER_PID_VARIABLE] = str(os.getpid())
        return environment

    def poll(self) -> bool:
        """Read new records; handle an exit or a hang. True once the target is done."""
        if self.finished:
            return True
        self._read_records()
        assert self.process is not None
        status = self.process.poll()
        if status is None:
            if (
                self.silence_limit is not None
                and time.monotonic() - self.last_activity > self.silence_limit
            ):
                self._kill()
                self._after_incident(
                    TIMEOUT, f"stopped after {self.silence_limit:g}s without a result"
                )
            return self.finished
        self._read_records()
        self._kill_group()  # whatever the child left running (a server holding a port)
        if self.run.error is not None:
            self.finished = True
        elif self.running_spec is not None:
            # A spec started and never reported: whatever the exit status
            # says, the process died in it (os._exit, an internal error).
            self._after_incident(ERROR, f"ended the test process ({_describe_status(status)})")
        elif status in FINISHED:
            self._finish_or_resume()
        elif status == USAGE_ERROR:
            self.run.usage_error = self._meaningful_log_line()
            self.finished = True
        elif status == INTERRUPTED and self.running_spec is None:
            self.run.usage_error = f"the specs failed to collect: {self._collection_error()}"
            self.finished = True
        else:
            self._after_incident(ERROR, f"crashed the test process ({_describe_status(status)})")
        return self.finished

    def _finish_or_resume(self) -> None:
        """The process ended normally: done, unless specs it collected never ran."""
        total, done = self.run.total, len(self.run.results)
        if total and done >= total:
            self.finished = True
            return
        if not self.child_results:
            # A child that ends without grading anything must not make a
            # run pass, nor be restarted forever: say why it did not start.
            what = "ran no specs" if not total else "ended before its first spec"
            self.run.error = f"target {self.run.name!r} {what}: {self._meaningful_log_line()}"
            self.finished = True
            return
        if not self.restart_requested:
            self.run.incidents.append(
                f"the test process ended between specs after {done} of {total}; resuming"
            )
        self._restart()

    def _after_incident(self, outcome: str, what: str) -> None:
        spec = self.running_spec
        if spec is None:  # it died outside any spec: nothing to skip past
            if not self.run.results and self.run.error is None:
                self.run.error = (
                    f"target {self.run.name!r} {what} before its first spec: "
                    f"{self._meaningful_log_line()}"
                )
            else:
                self.run.incidents.append(f"the test process {what} outside any spec")
            self.finished = True
            return
        spec_id, target = spec
        self.run.incidents.append(f"{spec_id} {what}")
        # A spec the expectations file lists as failing did not show the
        # behaviour either way: crashing or hanging in it is that failure.
        expected = load_expectations(target, self.expectations_dir).reason_for(spec_id)
        result = SpecResult(
            id=spec_id,
            target=target,
            area=spec_id.split("/")[0],
            outcome=EXPECTED_FAILURE if expected is not None else outcome,
            duration=0.0,
            message=what,
            expected=expected,
        )
        with open(self.results_path, "a", encoding="utf-8") as stream:
            stream.write("\n" + json.dumps({"kind": "result", **result.to_json()}) + "\n")
        self._read_records()
        self.running_spec = None
        self._restart()

    def _restart(self) -> None:
        """Start the process again on the specs without a result, or give up."""
        self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            self.run.incidents.append(f"gave up after {MAX_RESTARTS} restarts")
            self.finished = True
            return
        self.start(resume=True)

    def _read_records(self) -> None:
        if not self.results_path.exists():
            return
        with open(self.results_path, encoding="utf-8") as stream:
            stream.seek(self.offset)
            chunk = stream.read()
        complete, _, _ = chunk.rpartition("\n")
        if not complete:
            return
        self.offset += len(complete.encode("utf-8")) + 1
        self.last_activity = time.monotonic()
        for line in complete.splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:  # a line torn by a crash
                continue
            self._take(record)

    def _take(self, record: dict) -> None:
        kind = record.pop("kind", "result")
        pid = record.pop("pid", None)
        if pid is not None and self.process is not None and pid != self.process.pid:
            # Another process wrote to the stream: one the target started
            # from the test process (a reloader re-running pytest, say).
            if not self.foreign_records:
                self.run.incidents.append(
                    f"process {pid}, started by the target, wrote to the results stream; ignored"
                )
            self.foreign_records += 1
            return
        if kind == "restart":
            self.restart_requested = True
        elif kind == "target":
            self.run.version = record.get("version")
            self.run.error = record.get("error")
        elif kind == "collected":
            if self.run.total is None:
                self.run.total = record["count"]
        elif kind == "incident":
            self.run.incidents.append(record["what"])
        elif kind == "start":
            self.running_spec = (record["id"], record["target"])
        elif kind == "result":
            result = SpecResult.from_json(record)
            self.running_spec = None
            if (result.id, result.target) in self.graded:
                # Never two records for one spec: the first grade stands.
                self.run.incidents.append(f"{result.id} was graded twice; the first result stands")
                return
            self.graded.add((result.id, result.target))
            self.run.results.append(result)
            self.child_results += 1

    def _kill(self) -> None:
        assert self.process is not None
        # Processes the child started in a session of their own escape its
        # process group: find them while the child still holds them.
        stray = leftovers.descendants(self.process.pid)
        self._kill_group()
        leftovers.kill_tree(stray)
        self.process.wait()

    def _kill_group(self) -> None:
        """Kill the child's process group: the child and whatever it left behind."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def _meaningful_log_line(self) -> str:
        """The line of the child's output that says why it stopped: pytest's error, an
        exception, else the last line that is not pytest's own header."""
        if not self.log_path.exists():
            return "the test process wrote nothing"
        lines = [
            line.strip()
            for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip() and not line.strip().startswith(_HEADER_PREFIXES)
        ]
        for line in reversed(lines):  # argparse's "prog: error: what is wrong"
            if ": error: " in line:
                return line.partition(": error: ")[2]
        for line in reversed(lines):
            if line.startswith("ERROR: usage:"):
                continue
            if line.startswith(("ERROR:", "E ")) or _EXCEPTION_LINE.match(line):
                return line.removeprefix("ERROR:").removeprefix("E ").strip()
        return lines[-1] if lines else "the test process wrote nothing"

    def _collection_error(self) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            if line.startswith("ERROR ") and " - " in line:
                return line.removeprefix("ERROR ")
        for line in text.splitlines():
            if line.startswith("ERROR "):
                return line.removeprefix("ERROR ")
        return f"see {self.log_path}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self._kill()


#: Lines of pytest's header and summary that never say what went wrong.
_HEADER_PREFIXES = (
    "rootdir:",
    "configfile:",
    "inifile:",
    "testpaths:",
    "plugins:",
    "platform ",
    "cachedir:",
    "hypothesis profile",
    "collected ",
    "===",
    "___",
)
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Exit|Interrupt)\b.*")


def _describe_status(status: int) -> str:
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit status {status}"


def _safe(name: str) -> str:
    return "".join(char if char.isalnum() or char in "._-" else "_" for char in name)


def run_targets(
    names: list[str],
    areas: list[str],
    spec_timeout: float,
    expectations_dir: Path | None,
    progress=None,
    extra_args: tuple[str, ...] = (),
) -> list[TargetRun]:
    """Run the suite against each target, in parallel, and return their runs."""
    with tempfile.TemporaryDirectory(prefix="conformance-") as scratch:
        processes = [
            TargetProcess(name, areas, spec_timeout, expectations_dir, Path(scratch), extra_args)
            for name in names
        ]
        try:
            for process in processes:
                process.start()
            while True:
                done = [process.poll() for process in processes]
                if progress is not None:
                    progress([process.run for process in processes])
                if all(done):
                    break
                time.sleep(0.1)
        finally:
            for process in processes:
                process.stop()
        return [process.run for process in processes]
