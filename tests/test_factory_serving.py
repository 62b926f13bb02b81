"""An application factory served by gunicorn with several workers and threads,
``gunicorn -w 4 --threads 2 "app:create_app()"``, on Flask and on impl (drop-in
mode), must answer the same requests with the same responses.

Both servers run the unmodified module ``fixtures/apps/extensions/factory/app.py``.
Responses are compared whole but for the headers a server stamps (Date,
Server) and the parts of a session cookie that hold the time it was signed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from conformance.paths import APPS_DIR, REPOSITORY_DIR

from .servers import RunningServer, connection, free_port, serving

FACTORY_DIR = APPS_DIR / "extensions" / "factory"

# A session cookie is payload.timestamp.signature (itsdangerous); the payload
# is the same for the same session on both frameworks, the rest holds the
# second it was signed.
SIGNED_SESSION = re.compile(r"^(session=[\w-]+)\.[\w-]+\.[\w-]+(;|$)")

STAMPED_HEADERS = {"date", "server"}

#: (method, path, url-encoded form or JSON body, extra headers)
REQUESTS: list[tuple[str, str, dict | None, dict[str, str]]] = [
    ("GET", "/", None, {}),
    ("HEAD", "/", None, {}),
    ("GET", "/books/", None, {}),
    ("GET", "/books/2", None, {}),
    ("GET", "/books/9", None, {}),
    ("GET", "/nowhere", None, {}),
    ("GET", "/books", None, {}),
    ("GET", "/old", None, {}),
    ("DELETE", "/books/", None, {}),
    ("POST", "/echo?tag=a&tag=b", {"json": {"numbers": [1, 2.5], "text": "café"}}, {}),
    ("POST", "/echo", None, {"Content-Type": "application/json"}),
    ("POST", "/session", {"form": {"colour": "teal"}}, {}),
    ("POST", "/session", {"form": {"colour": "plum", "permanent": "yes"}}, {}),
    ("GET", "/session", None, {}),
]


def gunicorn_command(framework: str, port: int) -> list[str]:
    server = [
        "gunicorn", "--bind", f"127.0.0.1:{port}", "-w", "4", "--threads", "2",
        "--graceful-timeout", "5", "app:create_app()",
    ]  # fmt: skip
    if framework == "impl":
        return [sys.executable, "-m", "impl.dropin", *server]
    return [sys.executable, "-m", *server]


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, RunningServer]]:
    """The factory under gunicorn on Flask and on impl, started once."""
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY_DIR))
    with contextlib.ExitStack() as stack:
        running = {}
        for framework in ("flask", "impl"):
            port = free_port()
            command = gunicorn_command(framework, port)
            running[framework] = stack.enter_context(
                serving(command, port, cwd=FACTORY_DIR, env=env, name=f"gunicorn on {framework}")
            )
        yield running


def comparable(name: str, value: str) -> str:
    """A header value without what differs from process to process by design."""
    if name == "Allow":
        # Werkzeug gathers the methods in a set, ordered by each process's
        # randomised string hashing (a worker's order differs from another's).
        return ", ".join(sorted(value.split(", ")))
    return SIGNED_SESSION.sub(r"\1.<stamp>\2", value)


def send(
    server: RunningServer, method: str, path: str, body: dict | None, headers: dict[str, str]
) -> dict:
    """One request on a fresh connection; the response as comparable data.

    Both servers are named by one Host header, so that absolute URLs the
    apps build (redirects) do not differ by port.
    """
    headers = {"Host": "factory.test", **headers}
    payload = None
    if body and "form" in body:
        payload = urllib.parse.urlencode(body["form"]).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body and "json" in body:
        payload = json.dumps(body["json"]).encode()
        headers["Content-Type"] = "application/json"
    with connection(server.port) as http:
        http.request(method, path, body=payload, headers=headers)
        with http.getresponse() as response:
            return {
                "status": response.status,
                "headers": sorted(
                    (name, comparable(name, value))
                    for name, value in response.getheaders()
                    if name.lower() not in STAMPED_HEADERS
                ),
                "body": response.read(),
            }


def responses(server: RunningServer) -> list[dict]:
    """Every request of :data:`REQUESTS`, eight at a time so that several
    workers and threads answer them."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda request: send(server, *request), REQUESTS))


def test_each_server_runs_its_framework(servers):
    for framework, server in servers.items():
        with ThreadPoolExecutor(max_workers=8) as pool:
            replies = list(pool.map(
                lambda _, server=server: send(server, "GET", "/framework", None, {}), range(8)
            ))  # fmt: skip
        assert {reply["body"] for reply in replies} == {framework.encode()}


def test_the_factory_answers_the_same_on_flask_and_impl(servers):
    answers = {framework: responses(server) for framework, server in servers.items()}
    assert answers["flask"][0]["body"] == b"made by the factory as app\n"
    assert [answer["status"] for answer in answers["flask"]] == [
        200, 200, 200, 200, 404, 404, 308, 301, 405, 200, 400, 200, 200, 200,
    ]  # fmt: skip
    for request, flask, impl in zip(REQUESTS, answers["flask"], answers["impl"], strict=True):
        assert impl == flask, request


def raw_session_cookie(server: RunningServer, colour: str) -> str:
    """The ``session=...`` pair exactly as the server set it."""
    with connection(server.port) as http:
        form = urllib.parse.urlencode({"colour": colour})
        http.request(
            "POST", "/session", body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        with http.getresponse() as response:
            response.read()
            return response.getheader("Set-Cookie").split(";")[0]


@pytest.mark.parametrize(
    ("signer", "reader"),
    [("flask", "flask"), ("impl", "impl"), ("flask", "impl"), ("impl", "flask")],
    ids=["flask", "impl", "flask-to-impl", "impl-to-flask"],
)
def test_a_session_cookie_comes_back_to_any_worker(servers, signer, reader):
    """The factory gives every worker the same secret key, so a cookie signed
    by one worker (of either framework) is read by all the others."""
    cookie = raw_session_cookie(servers[signer], "teal")
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(
            lambda _: send(servers[reader], "GET", "/session", None, {"Cookie": cookie}),
            range(8),
        ))  # fmt: skip
    assert {reply["body"] for reply in replies} == {b'{"colour":"teal"}\n'}
    cleared = send(servers[reader], "DELETE", "/session", None, {"Cookie": cookie})
    assert cleared["body"] == b'{"colour":null}\n'
    assert ("Set-Cookie", "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/") in cleared["headers"]  # fmt: skip
