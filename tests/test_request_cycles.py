"""impl frees a finished request by reference counting, not by the garbage collector.

A request that ends in a routing error keeps the error (``routing_exception``)
and the error's traceback keeps the frames it was raised through; a frame
that still names the request or its context closes a reference cycle, and the
request, its context and the environ then wait for the cyclic garbage
collector (3.7 µs of a handled 404 in the bench). These tests count what a
collection finds after requests served with the collector off; they measure
no time. They are about the inlined serving path (``impl/_plain_serving.py``),
which every app here takes; the general path, taken when a seam is
overridden, still leaves such a cycle after a routing error.
"""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Callable

import pytest

import impl

#: Requests served per case; any cycle left shows up once per request.
REQUESTS = 20


def _app() -> impl.Flask:
    app = impl.Flask(__name__)

    @app.route("/")
    def index() -> str:
        return "index"

    @app.route("/item/<int:number>")
    def item(number: int) -> str:
        return str(number)

    return app


def _with_404_handler(app: impl.Flask) -> impl.Flask:
    @app.errorhandler(404)
    def not_found(error: Exception) -> tuple[str, int]:
        return "nothing here", 404

    return app


def _garbage_after(app: impl.Flask, path: str, method: str, status: int) -> list[object]:
    """What the garbage collector finds after ``REQUESTS`` requests, the collector off meanwhile."""
    assert _call(app, path, method) == status  # the first fills impl's remembered matches
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(REQUESTS):
            assert _call(app, path, method) == status
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.garbage.clear()
        gc.set_debug(0)
        gc.enable()


def _call(app: impl.Flask, path: str, method: str = "GET") -> int:
    """Serve one request through the WSGI callable, as a server would; its status code."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses: list[str] = []
    body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    close = getattr(body, "close", None)
    if close is not None:
        close()
    return int(statuses[0].split()[0])


@pytest.mark.parametrize(
    ("build", "path", "status"),
    [
        (_app, "/", 200),
        (_app, "/item/7", 200),
        (_app, "/no/such/page", 404),
        (lambda: _with_404_handler(_app()), "/no/such/page", 404),
    ],
    ids=["static rule", "rule with arguments", "404", "404 with a handler"],
)
def test_finished_requests_leave_no_cycle(
    build: Callable[[], impl.Flask], path: str, status: int
) -> None:
    assert _garbage_after(build(), path, "GET", status) == []


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [("/folder", "GET", 308), ("/", "POST", 405)],
    ids=["redirect", "405"],
)
def test_routing_errors_do_not_keep_the_request(path: str, method: str, status: int) -> None:
    """Werkzeug's matcher leaves a closure of its own behind when it raises; nothing of impl's."""
    app = _app()
    app.add_url_rule("/folder/", "folder", lambda: "folder")
    garbage = _garbage_after(app, path, method, status)
    kept = [type(thing).__name__ for thing in garbage]
    assert "Request" not in kept
    assert "RequestContext" not in kept
    assert "frame" not in kept
