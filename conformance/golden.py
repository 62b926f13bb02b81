"""Golden traces: small apps' responses and lifecycle traces, recorded on Flask, checked on a target.

Each module in ``fixtures/apps/golden/`` is a small app covering one part of
Flask (routing, hook and signal order, errors, sessions, blueprints,
streaming). It defines:

- ``build(target)``: the app, built only through the target's API. The app
  appends its lifecycle events (hooks and signals it registers itself) to the
  list ``app.extensions["golden_trace"]``;
- ``REQUESTS``: the scripted requests, in order, each a dict with ``name``,
  ``path`` and optionally ``method``, ``headers``, ``data``, ``json``,
  ``query_string``; one test client sends them all, so cookies carry over;
- optionally ``SIGNED_COOKIES``: names of cookies whose value is signed with a
  timestamp (the session cookie); their payload is recorded, not the bytes.

``conformance record --target flask`` writes one text file per app into
``fixtures/golden/``: per case the status, the headers (sorted, without
``Date``), the body and the trace, one fact per line, so re-recording after a
Flask upgrade shows what moved as a plain diff of those files.
``conformance run --target X --golden`` runs the same apps on X in a child
process and compares its lines with the recorded ones, case by case. Neither
path imports Flask unless the target is Flask: the child loads only the target.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import traceback
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from conformance.paths import APPS_DIR, FIXTURES_DIR, REPOSITORY_DIR
from conformance.results import ERROR, FAILED, PASSED, SpecResult

GOLDEN_APPS_DIR = APPS_DIR / "golden"
GOLDEN_DIR = FIXTURES_DIR / "golden"
TRACE_KEY = "golden_trace"
#: Seconds the child may take for every app of a target together.
CHILD_TIMEOUT = 120.0
#: Headers that vary from run to run whatever the target does.
VOLATILE_HEADERS = frozenset({"date"})
#: Headers whose comma-separated values form a set: Werkzeug builds ``Allow``
#: from a Python set, so its order changes with string hashing from run to run.
UNORDERED_HEADERS = frozenset({"allow"})
CASE_MARK = "== case "


class GoldenError(Exception):
    """The golden run could not happen at all (the target does not load, the child died)."""


# --- the child: run the apps on one target ----------------------------------


def app_modules(directory: Path = GOLDEN_APPS_DIR) -> dict[str, Path]:
    """The golden apps by name: every module of *directory* not starting with ``_``."""
    return {
        path.stem: path for path in sorted(directory.glob("*.py")) if not path.name.startswith("_")
    }


def _load_app_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"golden_apps_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def decode_signed_value(value: str) -> str:
    """The payload of an itsdangerous timestamp-signed value, as text.

    The signature and the timestamp change with the clock, so the record
    keeps what the cookie carries (the session's JSON), and later requests of
    the same script show the cookie was accepted.
    """
    compressed = value.startswith(".")
    parts = value.lstrip(".").split(".")
    if len(parts) != 3:
        return f"<not a signed value: {value}>"
    payload = parts[0]
    try:
        data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        if compressed:
            data = zlib.decompress(data)
        return "<signed " + data.decode("utf-8") + ">"
    except (ValueError, zlib.error, UnicodeDecodeError):
        return f"<undecodable signed value: {value}>"


def _header_line(name: str, value: str, signed_cookies: frozenset[str]) -> str:
    if name.lower() in UNORDERED_HEADERS:
        value = ", ".join(sorted(part.strip() for part in value.split(",")))
    elif name.lower() == "set-cookie":
        cookie, sep, attributes = value.partition(";")
        cookie_name, _, cookie_value = cookie.partition("=")
        if cookie_name.strip() in signed_cookies and cookie_value:
            value = f"{cookie_name}={decode_signed_value(cookie_value)}{sep}{attributes}"
    return f"header {name}: {value}"


def _body_lines(body: bytes) -> list[str]:
    if not body:
        return ["body (empty)"]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ["body-base64 " + base64.b64encode(body).decode("ascii")]
    # One JSON string per line of the body: exact (whitespace, line ends) and diffable.
    return ["body " + json.dumps(line, ensure_ascii=False) for line in text.splitlines(True)]


def _trace_of(app: Any) -> list:
    trace = app.extensions.get(TRACE_KEY)
    if not isinstance(trace, list):
        raise GoldenError(f"the app has no list app.extensions[{TRACE_KEY!r}]")
    return trace


def run_case(client: Any, app: Any, case: dict, signed_cookies: frozenset[str]) -> list[str]:
    """Send one scripted request; the lines that describe what came back."""
    trace = _trace_of(app)
    trace.clear()
    options = {key: case[key] for key in ("headers", "data", "json", "query_string") if key in case}
    response = client.open(case["path"], method=case.get("method", "GET"), **options)
    try:
        body = response.get_data()
    finally:
        response.close()  # a streamed body's teardown runs here
    lines = [f"status {response.status}"]
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in VOLATILE_HEADERS
    ]
    for name, value in sorted(headers, key=lambda item: item[0].lower()):
        lines.append(_header_line(name, value, signed_cookies))
    lines += _body_lines(body)
    lines += [f"trace {event}" for event in trace]
    return lines


def observe(target_name: str, directory: Path = GOLDEN_APPS_DIR) -> dict:
    """Run every golden app on the target in this process.

    Returns ``{"target", "version", "apps": {app: {"cases": {case: lines},
    "errors": {case: message}}}}``. A case that raises is an error with the
    exception's last line; an app that fails to build makes all its cases errors.
    """
    from conformance.targets import TargetError, load_target

    try:
        target = load_target(target_name)
    except TargetError as error:
        raise GoldenError(str(error)) from None
    observed: dict = {"target": target_name, "version": target.adapter.version, "apps": {}}
    for name, path in app_modules(directory).items():
        cases: dict[str, list[str]] = {}
        errors: dict[str, str] = {}
        observed["apps"][name] = {"cases": cases, "errors": errors}
        try:
            module = _load_app_module(name, path)
            requests = list(module.REQUESTS)
        except Exception:
            observed["apps"][name]["load_error"] = _last_line()
            continue
        signed = frozenset(getattr(module, "SIGNED_COOKIES", ()))
        try:
            app = module.build(target)
            client = target.make_client(app)
        except Exception:
            message = f"build failed: {_last_line()}"
            errors.update({case["name"]: message for case in requests})
            continue
        for case in requests:
            try:
                cases[case["name"]] = run_case(client, app, case, signed)
            except Exception:
                errors[case["name"]] = _last_line()
    return observed


def _last_line() -> str:
    return traceback.format_exc().strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    """The child: ``python -m conformance.golden TARGET OUTPUT [APPS_DIR]``."""
    target_name, output, *rest = argv if argv is not None else sys.argv[1:]
    directory = Path(rest[0]) if rest else GOLDEN_APPS_DIR
    try:
        observed = observe(target_name, directory)
    except GoldenError as error:
        observed = {"target": target_name, "error": str(error)}
    Path(output).write_text(json.dumps(observed, indent=1), encoding="utf-8")
    return 0


# --- the parent: start the child, record or compare -------------------------


def run_child(target_name: str, directory: Path = GOLDEN_APPS_DIR) -> dict:
    """Run the golden apps on the target in a child process (the parent loads no target)."""
    with tempfile.TemporaryDirectory(prefix="conformance-golden-") as scratch:
        output = Path(scratch) / "observed.json"
        environment = dict(os.environ)
        # The package must import from the child's folder as it does here.
        entries = [str(REPOSITORY_DIR), *environment.get("PYTHONPATH", "").split(os.pathsep)]
        environment["PYTHONPATH"] = os.pathsep.join(
            dict.fromkeys(os.path.abspath(entry) for entry in entries if entry)
        )
        command = [sys.executable, "-m", "conformance.golden", target_name, str(output)]
        try:
            completed = subprocess.run(
                [*command, str(directory)],
                capture_output=True,
                text=True,
                cwd=scratch,
                env=environment,
                stdin=subprocess.DEVNULL,
                timeout=CHILD_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise GoldenError(
                f"target {target_name!r}: the golden apps ran past {CHILD_TIMEOUT:g}s"
            ) from None
        if completed.returncode != 0 or not output.exists():
            last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
            raise GoldenError(
                f"target {target_name!r}: the golden run ended with status "
                f"{completed.returncode}: {last}"
            )
        observed = json.loads(output.read_text(encoding="utf-8"))
    if observed.get("error"):
        raise GoldenError(observed["error"])
    return observed


def render_file(app_name: str, observed: dict) -> str:
    """One app's recorded file: a header, then each case's lines."""
    lines = [
        f"# Golden trace of fixtures/apps/golden/{app_name}.py, recorded on "
        f"{observed['target']} {observed['version']} by `conformance record`.",
        "# One fact a line: status, headers (sorted, no Date), body (JSON strings), trace.",
    ]
    for case, case_lines in observed["apps"][app_name]["cases"].items():
        lines += ["", CASE_MARK + case, *case_lines]
    return "\n".join(lines) + "\n"


def parse_file(path: Path) -> dict[str, list[str]]:
    """A recorded file's cases, by name, in order."""
    cases: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(CASE_MARK):
            current = cases.setdefault(line[len(CASE_MARK) :], [])
        elif current is not None and line and not line.startswith("#"):
            current.append(line)
    return cases


def record(
    target_name: str,
    output: Path = GOLDEN_DIR,
    directory: Path = GOLDEN_APPS_DIR,
    echo: Callable[[str], None] = print,
) -> int:
    """Record every golden app on the target into *output*; the number of failing cases.

    An app with a failing case (it raised, or failed to build) is not written:
    a recorded file only ever holds what the reference did.
    """
    observed = run_child(target_name, directory)
    output.mkdir(parents=True, exist_ok=True)
    problems = 0
    for app_name, app in observed["apps"].items():
        failures = dict(app["errors"])
        if app.get("load_error"):
            failures["(module)"] = app["load_error"]
        if failures:
            problems += len(failures)
            for case, message in failures.items():
                echo(f"error: {app_name}::{case}: {message}")
            continue
        path = output / f"{app_name}.txt"
        path.write_text(render_file(app_name, observed), encoding="utf-8")
        echo(f"wrote {len(app['cases'])} cases to {path}")
    return problems


def _first_difference(expected: list[str], got: list[str]) -> str:
    for number, (want, have) in enumerate(zip(expected, got, strict=False), start=1):
        if want != have:
            return f"line {number}: expected {want!r}, got {have!r}"
    if len(expected) > len(got):
        return f"line {len(got) + 1}: expected {expected[len(got)]!r}, got nothing"
    return f"line {len(expected) + 1}: expected nothing, got {got[len(expected)]!r}"


def check(
    target_name: str, golden: Path = GOLDEN_DIR, directory: Path = GOLDEN_APPS_DIR
) -> tuple[str, list[SpecResult]]:
    """Compare the target with the recorded files: its version, and one result per case.

    A case is ``passed`` when every line matches, ``failed`` with the first
    differing line otherwise, ``error`` when it raised. The ids read
    ``golden/<app>.txt::<case>`` and each app is an area of its own.
    """
    observed = run_child(target_name, directory)
    results = []
    for app_name in app_modules(directory):
        path = golden / f"{app_name}.txt"
        app = observed["apps"].get(app_name, {"cases": {}, "errors": {}})
        recorded = parse_file(path) if path.is_file() else {}
        graded: list[tuple[str, str, str]] = []  # (case, outcome, message)
        if app.get("load_error"):
            graded.append(("(module)", ERROR, app["load_error"]))
        elif not recorded:
            graded.append(("(file)", FAILED, f"no recorded file {path}: run conformance record"))
        else:
            for case, expected in recorded.items():
                if case in app["errors"]:
                    graded.append((case, ERROR, app["errors"][case]))
                elif case not in app["cases"]:
                    graded.append((case, FAILED, "the app has no such case any more"))
                elif app["cases"][case] == expected:
                    graded.append((case, PASSED, ""))
                else:
                    message = _first_difference(expected, app["cases"][case])
                    graded.append((case, FAILED, message))
            graded += [
                (case, FAILED, "not recorded: run conformance record")
                for case in app["cases"]
                if case not in recorded
            ]
        results += [
            SpecResult(
                f"golden/{app_name}.txt::{case}",
                target_name,
                f"golden/{app_name}",
                outcome,
                0.0,
                message,
            )
            for case, outcome, message in graded
        ]
    return observed.get("version") or "unknown", results


if __name__ == "__main__":
    sys.exit(main())
