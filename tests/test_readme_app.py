"""The README's example impl app, served by a real gunicorn on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conformance.paths import REPOSITORY_DIR


def _readme_app_source() -> str:
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(# app\.py\n.*?)```", readme, re.S)
    assert match, "the README has no '# app.py' example"
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served_app(tmp_path: Path):
    (tmp_path / "app.py").write_text(_readme_app_source(), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY_DIR))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "app:app"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                output = server.communicate()[0].decode(errors="replace")
                pytest.fail(f"gunicorn did not start:\n{output}")
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_readme_app_answers_real_requests_under_gunicorn(served_app: str) -> None:
    with urllib.request.urlopen(f"{served_app}/") as response:
        assert response.status == 200
        assert response.read() == b"Hello from impl\n"
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"

    with urllib.request.urlopen(f"{served_app}/greet/World") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/json"
        cookie = response.headers["Set-Cookie"].split(";")[0]
        assert json.loads(response.read()) == {
            "greeting": "Hello, World!", "visits": 1, "path": "/greet/World",
        }  # fmt: skip

    again = urllib.request.Request(f"{served_app}/greet/World", headers={"Cookie": cookie})
    with urllib.request.urlopen(again) as response:
        assert json.loads(response.read())["visits"] == 2


def test_readme_app_gives_404_for_unknown_paths(served_app: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{served_app}/nowhere")
    caught.value.close()
    assert caught.value.code == 404
