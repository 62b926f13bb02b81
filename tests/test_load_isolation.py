"""Requests served at the same time by real servers do not see each other's state.

``fixtures/apps/serving/isolation.py`` keeps a per-request id in ``g``, in the
session and in a context variable, sleeps so that other requests run in the
meantime, and echoes all three. It runs under gunicorn (two gthread workers of
eight threads) and under waitress (eight threads), on Flask and on impl (impl
through ``python -m impl.dropin``, the app unchanged), on 127.0.0.1. A bounded
client opens 64 keep-alive connections at once and sends a fixed number of
requests on each, carrying the session cookie its previous reply set.
Every reply must be a 200 carrying its own id everywhere and the previous id
of its own connection in the session, and the server must log no error.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

from .servers import RunningServer, free_port, serving

SERVING_DIR = FIXTURES_DIR / "apps" / "serving"
CONNECTIONS = 64
REQUESTS_PER_CONNECTION = 8
#: Seconds one client waits on a socket before the test fails.
CLIENT_TIMEOUT = 15.0
#: What a server prints only when something went wrong.
ERROR_MARKS = ("Traceback", "[ERROR]", "ERROR:", "Exception on", "[CRITICAL]")


def _gunicorn(port: int) -> list[str]:
    return [
        "gunicorn", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
        "--threads", "8", "-w", "2", "--graceful-timeout", "5", "isolation:app",
    ]  # fmt: skip


def _waitress(port: int) -> list[str]:
    return ["-m", "waitress", "--listen", f"127.0.0.1:{port}", "--threads", "8", "isolation:app"]


SERVERS = {"gunicorn": _gunicorn, "waitress": _waitress}
FRAMEWORKS = ("flask", "impl")


def _command(framework: str, server: str, port: int) -> list[str]:
    arguments = SERVERS[server](port)
    if framework == "impl":
        return [sys.executable, "-m", "impl.dropin", *arguments]
    if arguments[0] == "-m":
        return [sys.executable, *arguments]
    return [sys.executable, "-m", *arguments]


@pytest.fixture(params=[(f, s) for f in FRAMEWORKS for s in sorted(SERVERS)], ids="-".join)
def running(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    framework, server = request.param
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY_DIR))
    command = _command(framework, server, port)
    with serving(command, port, cwd=SERVING_DIR, env=env, name=f"{framework} {server}") as started:
        yield started


@dataclass
class Exchange:
    """One request a connection sent and what came back."""

    connection: int
    sent_id: str
    previous_id: str | None
    status: int
    header_id: str | None
    body: dict


def _drive_connection(port: int, number: int, start: threading.Barrier) -> list[Exchange]:
    """Send this connection's requests one after another on one keep-alive socket."""
    exchanges = []
    cookie: str | None = None
    previous: str | None = None
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        start.wait(timeout=CLIENT_TIMEOUT)
        for sequence in range(REQUESTS_PER_CONNECTION):
            sent = f"c{number}r{sequence}"
            link.request("GET", f"/echo/{sent}", headers={"Cookie": cookie} if cookie else {})
            with link.getresponse() as response:
                body = response.read()
                set_cookie = response.headers["Set-Cookie"]
                if set_cookie:
                    cookie = set_cookie.split(";", 1)[0]
                exchanges.append(
                    Exchange(
                        number,
                        sent,
                        previous,
                        response.status,
                        response.headers["X-Request-Id"],
                        json.loads(body) if response.status == 200 else {"raw": body.decode()},
                    )
                )
            previous = sent
    finally:
        link.close()
    return exchanges


def _load(port: int) -> list[Exchange]:
    start = threading.Barrier(CONNECTIONS)
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        futures = [
            pool.submit(_drive_connection, port, number, start) for number in range(CONNECTIONS)
        ]
        return [exchange for future in futures for exchange in future.result()]


def test_concurrent_requests_see_only_their_own_state(running: RunningServer) -> None:
    exchanges = _load(running.port)
    framework = running.name.split()[0]

    assert len(exchanges) == CONNECTIONS * REQUESTS_PER_CONNECTION
    failed = [(e.sent_id, e.status, e.body) for e in exchanges if e.status != 200]
    assert not failed, failed[:5]
    expected = {
        e.sent_id: {"g": e.sent_id, "session": e.sent_id, "contextvar": e.sent_id}
        for e in exchanges
    }
    seen = {
        e.sent_id: {key: e.body[key] for key in ("g", "session", "contextvar")} for e in exchanges
    }
    crossed = {rid: seen[rid] for rid in expected if seen[rid] != expected[rid]}
    assert not crossed, list(crossed.items())[:5]
    assert all(e.body["path"] == e.sent_id == e.header_id for e in exchanges)
    assert all(e.body["fresh_g"] is True for e in exchanges)
    assert {e.body["framework"] for e in exchanges} == {framework}
    wrong_session = [(e.sent_id, e.previous_id, e.body["previous"]) for e in exchanges
                     if e.body["previous"] != e.previous_id]  # fmt: skip
    assert not wrong_session, wrong_session[:5]
    # The requests really overlapped inside the server.
    assert max(e.body["peak"] for e in exchanges) > 1

    log = running.output()
    errors = [line for line in log.splitlines() if any(mark in line for mark in ERROR_MARKS)]
    assert not errors, log[-3000:]
