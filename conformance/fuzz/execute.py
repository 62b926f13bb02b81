"""Run a fuzz case on a target and record what is observable.

An observation is ``{"build_error": name | None, "exchanges": [...]}``; each
exchange has the status line, the headers (``Date`` dropped), the body, the
name of an exception that escaped the test client (or None), the trace the
hooks and views appended and the categories of the warnings issued.

Signed cookies are compared exactly: while a case runs, itsdangerous's clock
(``TimestampSigner.get_timestamp``) is frozen at :data:`FROZEN_TIMESTAMP`, on
both targets and for the cookies the fuzzer forges, so the same session signed
with the same ``SECRET_KEY`` is the same bytes. The one clock that is not
frozen is the ``Expires`` attribute of a permanent session's cookie (it comes
from :func:`datetime.now`); :func:`normalize_headers` replaces its date, and
sorts the methods of ``Allow``, which Flask lists in a set's order (it varies
with the process's hash seed).

A target that imports ``flask`` itself (a mutant patches it on import) cannot
share a process with upstream Flask, so :class:`ChildSide` runs it in a worker
process (``python -m conformance.fuzz.execute NAME``) speaking JSON lines.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_to_bytes

import itsdangerous
from itsdangerous.timed import TimestampSigner
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from conformance.fuzz.source import app_source
from conformance.targets import Target, load_target

FROZEN_TIMESTAMP = 1_700_000_000
SECRET_KEY = "fuzz-secret"
APP_NAME = "fuzz_app"
MULTIPART_BOUNDARY = "fuzz-boundary-7d1f"

_EXPIRES = re.compile(r"(?i)(expires=)(?!Thu, 01 Jan 1970)[^;]+")


@contextlib.contextmanager
def frozen_clock() -> Iterator[None]:
    """Freeze the timestamp itsdangerous signs with and checks ages against."""
    original = TimestampSigner.get_timestamp
    TimestampSigner.get_timestamp = lambda self: FROZEN_TIMESTAMP  # type: ignore[method-assign]
    try:
        yield
    finally:
        TimestampSigner.get_timestamp = original  # type: ignore[method-assign]


def signed_session_cookie(data: dict[str, Any], secret_key: str) -> str:
    """A session cookie as Flask's default session interface signs it (its documented
    salt, key derivation and digest), timestamped with the frozen clock."""
    serializer = itsdangerous.URLSafeTimedSerializer(
        secret_key,
        salt="cookie-session",
        serializer=_CompactJSON,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
    )
    with frozen_clock():
        return serializer.dumps(data)


class _CompactJSON:
    @staticmethod
    def dumps(value: Any) -> str:
        return json.dumps(value, separators=(",", ":"))

    @staticmethod
    def loads(value: str | bytes) -> Any:
        return json.loads(value)


def cookie_header(cookie: dict[str, Any] | None, carried: str | None = None) -> str | None:
    """The ``Cookie`` header value a request description asks for; ``carry`` sends the
    session cookie the previous response set (*carried*), as a browser would."""
    if cookie is None:
        return None
    kind = cookie["kind"]
    if kind == "carry":
        if carried is None:
            return None
        value = carried
    elif kind == "signed":
        value = signed_session_cookie(cookie["data"], SECRET_KEY)
    elif kind == "forged":
        value = signed_session_cookie(cookie["data"], "not-the-secret")
    elif kind == "oversized":
        value = signed_session_cookie({"big": "x" * cookie["size"]}, SECRET_KEY)
    else:
        value = cookie["value"]
    return f"session={value}"


def request_arguments(request: dict[str, Any], carried: str | None = None) -> dict[str, Any]:
    """Keyword arguments of ``client.open`` for a request description.

    The raw path goes into the WSGI environ as the server would put it
    (percent-decoded bytes seen as Latin-1), so odd characters, double slashes
    and broken UTF-8 reach the app untouched by the test client's URL parsing.
    """
    raw_path = request["path"]
    overrides = {
        "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
        "REQUEST_URI": raw_path,
        "RAW_URI": raw_path,
        "HTTP_HOST": request["host"],
    }
    headers = [tuple(pair) for pair in request["headers"]]
    cookie = cookie_header(request["cookie"], carried)
    if cookie is not None:
        headers.append(("Cookie", cookie))
    arguments: dict[str, Any] = {
        "path": "/",
        "method": request["method"],
        "query_string": request["query"],
        "headers": headers,
        "environ_overrides": overrides,
    }
    body = request["body"]
    kind = body["kind"]
    if kind == "json":
        arguments["data"] = body["text"]
        arguments["content_type"] = "application/json"
    elif kind in ("raw", "form_raw"):
        arguments["data"] = base64.b64decode(body["base64"])
        arguments["content_type"] = body["content_type"]
    elif kind == "form":
        arguments["data"] = dict(body["fields"])
    elif kind == "multipart":
        fields = MultiDict([tuple(pair) for pair in body["fields"]])
        for name, filename, content in body["files"]:
            fields.add(name, FileStorage(io.BytesIO(content.encode()), filename))
        # A fixed boundary: Werkzeug's own is random, and views may echo the raw body.
        boundary, data = encode_multipart(fields, boundary=MULTIPART_BOUNDARY)
        arguments["data"] = data
        arguments["content_type"] = f"multipart/form-data; boundary={boundary}"
    return arguments


def normalize_headers(headers: list[tuple[str, str]]) -> list[list[str]]:
    """Headers without ``Date``, grouped by name (order within a name kept), with the
    clock-dependent ``Expires`` date of a cookie replaced by ``<date>``."""
    kept = []
    for name, value in headers:
        if name.lower() == "date":
            continue
        if name.lower() == "set-cookie":
            value = _EXPIRES.sub(r"\1<date>", value)
        elif name.lower() == "allow":
            # Flask lists a rule's methods from a set: the order varies between processes.
            value = ", ".join(sorted(value.split(", ")))
        kept.append([name, value])
    return sorted(kept, key=lambda pair: pair[0].lower())


def _quiet_app_logger() -> None:
    # An unhandled error is logged by the app; the observation records it already.
    logging.getLogger(APP_NAME).disabled = True


def observe(target: Target, case: dict[str, Any]) -> dict[str, Any]:
    """Build the case's app on *target*, send its requests, return the observation."""
    _quiet_app_logger()
    namespace: dict[str, Any] = {}
    trace: list[str] = []
    with frozen_clock(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(compile(app_source(case["app"]), "<fuzz app>", "exec"), namespace)
            app = namespace["build"](target, trace)
            # Cookies are explicit in each request (``carry`` for the last session).
            client = target.make_client(app, use_cookies=False)
        except Exception as error:
            return {"build_error": type(error).__name__, "exchanges": []}
        exchanges = []
        carried: list[str | None] = [None]
        for request in case["requests"]:
            trace.clear()
            del caught[:]
            exchange = _exchange(client, request, trace, carried)
            # Warnings by category: their wording is each implementation's own.
            exchange["warnings"] = sorted({type(w.message).__name__ for w in caught})
            exchanges.append(exchange)
    return {"build_error": None, "exchanges": exchanges}


def _exchange(
    client: Any, request: dict[str, Any], trace: list[str], carried: list[str | None]
) -> dict[str, Any]:
    exchange: dict[str, Any] = {"escaped": None}
    try:
        response = client.open(**request_arguments(request, carried[0]))
        for value in response.headers.getlist("Set-Cookie"):
            if value.startswith("session="):
                carried[0] = value.split(";", 1)[0].removeprefix("session=")
        try:
            body = response.get_data()
        finally:
            response.close()
        exchange.update(
            status=response.status,
            headers=normalize_headers(list(response.headers.items())),
            body=body.decode("utf-8", "backslashreplace"),
        )
    except Exception as error:
        exchange["escaped"] = type(error).__name__
    exchange["trace"] = list(trace)
    return exchange


class InProcessSide:
    """A target run in this process."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.target = load_target(name)

    def observe(self, case: dict[str, Any]) -> dict[str, Any]:
        return observe(self.target, case)

    def close(self) -> None:
        pass


class ChildSide:
    """A target run in a worker process, for targets that cannot share this one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "conformance.fuzz.execute", name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        ready = self.process.stdout.readline()  # type: ignore[union-attr]
        if ready.strip() != "ready":
            self.close()
            raise RuntimeError(f"the worker for target {name!r} did not start: {ready.strip()}")

    def observe(self, case: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(case) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker for target {self.name!r} exited")
        return json.loads(line)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def imports_flask(name: str) -> bool:
    """Whether importing target *name* imports ``flask`` (a mutant patches it on import)."""
    probe = (
        "import importlib, sys\n"
        f"try:\n    importlib.import_module({name!r})\nexcept Exception:\n    pass\n"
        "print('flask' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    return completed.stdout.strip() == "True"


def open_sides(target: str, vs: str) -> tuple[Any, Any]:
    """The reference (*vs*) in this process; *target* too unless it imports flask itself."""
    reference = InProcessSide(vs)
    if target != vs and imports_flask(target):
        return ChildSide(target), reference
    return InProcessSide(target), reference


def _worker(name: str) -> int:
    target = load_target(name)
    print("ready", flush=True)
    for line in sys.stdin:
        observation = observe(target, json.loads(line))
        print(json.dumps(observation), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1]))
