"""The README's example impl app, served by a real gunicorn on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.paths import REPOSITORY_DIR

from .servers import free_port, serving


def _readme_app_source() -> str:
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(# app\.py\n.*?)```", readme, re.S)
    assert match, "the README has no '# app.py' example"
    return match.group(1)


@pytest.fixture
def served_app(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "app.py").write_text(_readme_app_source(), encoding="utf-8")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPOSITORY_DIR))
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
        "app:app",
    ]  # fmt: skip
    with serving(command, port, cwd=tmp_path, env=env, name="gunicorn") as server:
        yield server.url


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
