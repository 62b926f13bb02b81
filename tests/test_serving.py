"""An impl app served by real WSGI servers (gunicorn with sync workers, and
waitress) on 127.0.0.1, answering real HTTP requests."""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import pytest

from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR

from .servers import RunningServer, connection, free_port, serving

SERVING_DIR = FIXTURES_DIR / "apps" / "serving"


def _gunicorn(port: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
        "--worker-class", "sync", "--workers", "1", "--graceful-timeout", "5",
        "served:app",
    ]  # fmt: skip


def _waitress(port: int) -> list[str]:
    return [sys.executable, "-m", "waitress", "--listen", f"127.0.0.1:{port}", "served:app"]


SERVERS = {"gunicorn": _gunicorn, "waitress": _waitress}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """``served:app`` under one server, started once for the module's tests."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY_DIR), PYTHONDONTWRITEBYTECODE="1")
    command = SERVERS[request.param](port)
    with serving(command, port, cwd=SERVING_DIR, env=env, name=request.param) as running:
        yield running


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


def fetch(
    server: RunningServer,
    method: str,
    path: str,
    form: dict[str, str | list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """Make one HTTP/1.1 request on a fresh connection and read the whole
    reply; a ``form`` is sent url-encoded."""
    headers = dict(headers or {})
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    with connection(server.port) as http:
        http.request(method, path, body=body, headers=headers)
        with http.getresponse() as response:
            return Reply(response.status, response.headers, response.read())


def test_plain_page(server: RunningServer) -> None:
    reply = fetch(server, "GET", "/")
    assert reply.status == 200
    assert reply.body == b"Served by impl\n"
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert reply.headers["Content-Length"] == str(len(reply.body))


def test_json_endpoint(server: RunningServer) -> None:
    reply = fetch(server, "GET", "/json?q=caf%C3%A9")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"framework": "impl", "numbers": [1, 2, 3], "query": "café"}


def test_streamed_response_arrives_whole_and_chunked(server: RunningServer) -> None:
    reply = fetch(server, "GET", "/stream?count=200&word=piece")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
    # No length known in advance: HTTP/1.1 servers send the body in chunks.
    assert reply.headers["Content-Length"] is None
    assert reply.headers["Transfer-Encoding"] == "chunked"
    expected = "".join(f"piece {number}\n" for number in range(200)) + "end of /stream\n"
    assert reply.body.decode() == expected


def test_session_round_trip(server: RunningServer) -> None:
    stored = fetch(server, "POST", "/session", form={"colour": "teal"})
    assert stored.status == 200
    cookie = stored.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie

    pair = cookie.split(";")[0]
    recalled = fetch(server, "GET", "/session", headers={"Cookie": pair})
    assert recalled.json() == {"colour": "teal"}

    assert fetch(server, "GET", "/session").json() == {"colour": None}


def test_unknown_path_is_404(server: RunningServer) -> None:
    reply = fetch(server, "GET", "/nowhere")
    assert reply.status == 404
    assert b"Not Found" in reply.body
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"


def test_post_form(server: RunningServer) -> None:
    reply = fetch(server, "POST", "/order", form={"name": "Ann", "item": ["tea", "scones"]})
    assert reply.status == 200
    assert reply.body == b"Ann ordered tea, scones (application/x-www-form-urlencoded)\n"


def test_wrong_method_is_405(server: RunningServer) -> None:
    reply = fetch(server, "DELETE", "/order")
    assert reply.status == 405
    # Werkzeug lists the methods in set order.
    assert set(reply.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


def test_the_named_server_answers(server: RunningServer) -> None:
    reply = fetch(server, "HEAD", "/")
    assert reply.status == 200
    assert reply.body == b""
    assert server.name in reply.headers["Server"].lower()
