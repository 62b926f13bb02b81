"""The corpus of diverging cases: save, print, replay and promote to a spec.

Each case is ``<corpus>/<id>.json``: the case (app description and requests),
the seed and profile that found it, the targets compared, and the differences
seen then. Replaying runs every saved case again and grades it FIXED (the
targets now agree) or FAILING. Promoting writes a case out as a spec file for a
human to finish: the app's code, the requests, and Flask's answers as asserts.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from conformance.fuzz.compare import differences
from conformance.fuzz.engine import case_id
from conformance.fuzz.execute import (
    SECRET_KEY,
    observe,
    open_sides,
    request_arguments,
)
from conformance.fuzz.source import app_source
from conformance.paths import FIXTURES_DIR, SPECS_DIR
from conformance.targets import load_target

CORPUS_DIR = FIXTURES_DIR / "fuzz" / "corpus"


def save(
    case: dict[str, Any],
    found: list[str],
    *,
    target: str,
    vs: str,
    seed: int | None,
    profile: str,
    directory: Path = CORPUS_DIR,
) -> Path:
    """Write a diverging case to the corpus; return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    identifier = case_id(case)
    path = directory / f"{identifier}.json"
    record = {
        "id": identifier,
        "target": target,
        "vs": vs,
        "seed": seed,
        "profile": profile,
        "differences": found,
        "case": case,
    }
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(directory: Path = CORPUS_DIR) -> list[dict[str, Any]]:
    """Every saved case, by id."""
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))
    ]


def find(identifier: str, directory: Path = CORPUS_DIR) -> dict[str, Any]:
    path = directory / f"{identifier}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no case {identifier!r} in {directory}")
    return json.loads(path.read_text(encoding="utf-8"))


def reproduction(case: dict[str, Any], target: str = "flask") -> str:
    """A runnable script building the case's app on *target* and printing each answer."""
    lines = [
        "# A fuzz case: run with `python this_file.py`; change the target name to compare.",
        "from conformance.fuzz.execute import frozen_clock, request_arguments",
        "from conformance.targets import load_target",
        "",
        app_source(case["app"]),
        "",
        f"target = load_target({target!r})",
        "trace = []",
        "app = build(target, trace)",
        "client = app.test_client(use_cookies=False)",
        "carried = None",
        "with frozen_clock():",
    ]
    for request in case["requests"]:
        lines += [
            "    trace.clear()",
            f"    request = {request!r}",
            "    response = client.open(**request_arguments(request, carried))",
            "    print(response.status, list(response.headers.items()))",
            "    print(response.get_data(), trace)",
            "    for value in response.headers.getlist('Set-Cookie'):",
            "        if value.startswith('session='):",
            "            carried = value.split(';', 1)[0].removeprefix('session=')",
        ]
    return "\n".join(lines) + "\n"


def replay(target: str, vs: str, directory: Path = CORPUS_DIR) -> list[tuple[str, bool, list[str]]]:
    """Run every saved case again: ``(id, fixed, differences)`` per case."""
    records = load(directory)
    if not records:
        return []
    target_side, reference_side = open_sides(target, vs)
    try:
        graded = []
        for record in records:
            found = differences(
                target_side.observe(record["case"]), reference_side.observe(record["case"])
            )
            graded.append((record["id"], not found, found))
    finally:
        target_side.close()
        reference_side.close()
    return graded


def promote(
    identifier: str,
    area: str,
    *,
    directory: Path = CORPUS_DIR,
    specs_dir: Path = SPECS_DIR,
    reference: str = "flask",
) -> Path:
    """Write case *identifier* as ``<specs_dir>/<area>/test_fuzz_<id>.py``, asserting what
    *reference* answers; a human then names the behaviour and trims the asserts."""
    record = find(identifier, directory)
    case = record["case"]
    observation = observe(load_target(reference), case)
    path = specs_dir / area / f"test_fuzz_{identifier}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_spec_text(identifier, case, observation), encoding="utf-8")
    return path


def _spec_text(identifier: str, case: dict[str, Any], observation: dict[str, Any]) -> str:
    body = [
        f"def test_fuzz_case_{identifier}(target):",
        f'    """The app and requests of fuzz case {identifier} get the answers Flask gives '
        '(Flask docs: Quickstart)."""',
    ]
    if observation["build_error"] is not None:
        body += [
            "    with pytest.raises(Exception) as raised:",
            "        build(target, [])",
            f"    assert type(raised.value).__name__ == {observation['build_error']!r}",
        ]
        return _spec_module(identifier, case, body)
    body += [
        "    trace = []",
        "    app = build(target, trace)",
        "    client = app.test_client(use_cookies=False)",
        "    carried = None",
    ]
    for request, exchange in zip(case["requests"], observation["exchanges"], strict=True):
        arguments = request_arguments(request)
        cookie = request["cookie"]
        body.append("    trace.clear()")
        body += _cookie_lines(cookie, arguments)
        call = f"client.open(**{_arguments_literal(arguments)})"
        if exchange["escaped"] is not None:
            body += [
                "    with pytest.raises(Exception) as raised:",
                f"        {call}",
                f"    assert type(raised.value).__name__ == {exchange['escaped']!r}",
            ]
        else:
            headers = [pair for pair in exchange["headers"] if pair[0].lower() != "set-cookie"]
            body += [
                f"    response = {call}",
                f"    assert response.status == {exchange['status']!r}",
                f"    assert response.get_data(as_text=True) == {exchange['body']!r}",
                "    headers = [[k, v] for k, v in response.headers.items() "
                "if k.lower() not in ('date', 'set-cookie')]",
                f"    assert sorted(headers, key=lambda pair: pair[0].lower()) == {headers!r}",
                "    cookies = response.headers.getlist('Set-Cookie')",
                "    assert [c.split('=', 1)[0] for c in cookies] == "
                f"{[pair[1].split('=', 1)[0] for pair in exchange['headers'] if pair[0].lower() == 'set-cookie']!r}",
                "    carried = next((c.split(';', 1)[0].removeprefix('session=') "
                "for c in cookies if c.startswith('session=')), carried)",
            ]
        body.append(f"    assert trace == {exchange['trace']!r}")
    return _spec_module(identifier, case, body)


def _cookie_lines(cookie: dict[str, Any] | None, arguments: dict[str, Any]) -> list[str]:
    """Session cookies are signed at run time through the app's own session interface,
    so a promoted spec does not depend on the fuzzer's frozen clock."""
    headers = arguments["headers"]
    arguments["headers"] = [pair for pair in headers if pair[0] != "Cookie"]
    if cookie is None:
        return []
    kind = cookie["kind"]
    if kind == "carry":
        value = "carried"
    elif kind in ("signed", "forged", "oversized"):
        data = cookie.get("data") or {"big": "x" * cookie.get("size", 0)}
        lines = []
        if kind == "forged":
            lines.append("    forger = target.Flask('forger')")
            lines.append("    forger.secret_key = 'not-the-secret'")
            signer = "forger.session_interface.get_signing_serializer(forger)"
        else:
            signer = "app.session_interface.get_signing_serializer(app)"
        lines.append(f"    cookie = {signer}.dumps({data!r})")
        arguments["headers"].append(("Cookie", "COOKIE"))
        return lines
    else:
        value = repr(cookie["value"])
    arguments["headers"].append(("Cookie", "COOKIE"))
    return [f"    cookie = {value}"]


def _arguments_literal(arguments: dict[str, Any]) -> str:
    text = repr(arguments)
    return text.replace(
        "('Cookie', 'COOKIE')", "*([('Cookie', f'session={cookie}')] if cookie is not None else [])"
    )


def _spec_module(identifier: str, case: dict[str, Any], body: list[str]) -> str:
    header = textwrap.dedent(
        f'''\
        """Fuzz case {identifier}, promoted from fixtures/fuzz/corpus/{identifier}.json.

        Generated: name the behaviour in the test's name and docstring, keep the asserts
        that state it and drop the rest. SECRET_KEY is {SECRET_KEY!r}.
        """

        import pytest

        '''
    )
    return header + app_source(case["app"]) + "\n\n" + "\n".join(body) + "\n"
