"""The adapters for Flask-compatible frameworks on PyPI (conformance/adapters/).

Quart, BustAPI, zan and goflask are in the ``test`` extras, so these tests run
them for real: each adapter loads through its entry point, maps Flask's names
to the framework's, builds an app and a client, and one area of the suite
matches the framework's expectations file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.paths import REPOSITORY_DIR
from conformance.targets import MissingName, Unsupported, adapter_for, load_target

FRAMEWORKS = ("quart", "bustapi", "zan", "goflask")


def test_each_framework_is_registered_as_an_entry_point() -> None:
    adapter_classes = {name: type(adapter_for(name)).__name__ for name in FRAMEWORKS}
    assert adapter_classes == {
        "quart": "QuartAdapter",
        "bustapi": "BustAPIAdapter",
        "zan": "ZanAdapter",
        "goflask": "GoFlaskAdapter",
    }


@pytest.mark.parametrize(
    ("name", "application_class", "version"),
    [
        ("quart", "quart.app.Quart", "0.22.0"),
        ("bustapi", "bustapi.app.BustAPI", "0.15.0"),
        ("zan", "zan.app.Flask", "0.1.0"),
        ("goflask", "goflask.core.GoFlask", "1.0.0"),
    ],
)
def test_flask_stands_for_the_framework_application_class(
    name: str, application_class: str, version: str
) -> None:
    target = load_target(name)
    flask_class = target.Flask
    assert f"{flask_class.__module__}.{flask_class.__qualname__}" == application_class
    assert target.adapter.version == version
    assert target.incidents == []


def test_quart_names_are_mapped_in_submodules() -> None:
    target = load_target("quart")
    assert target.testing.FlaskClient.__name__ == "QuartClient"
    assert target.testing.FlaskCliRunner.__name__ == "QuartCliRunner"
    assert target.cli.FlaskGroup.__name__ == "QuartGroup"
    assert target.json.tag.TaggedJSONSerializer.__name__ == "TaggedJSONSerializer"


def test_framework_modules_stand_at_flask_paths() -> None:
    assert load_target("zan").sessions.SecureCookieSession.__module__ == "zan.session"
    bustapi = load_target("bustapi")
    assert bustapi.blueprints.Blueprint.__module__ == "bustapi.routing.blueprints"
    assert bustapi.wrappers.Response.__module__ == "bustapi.http.response"
    assert load_target("goflask").cli.FlaskGroup.__module__ == "goflask.cli"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("zan", "json.provider"),
        ("zan", "views"),
        ("bustapi", "config"),
        ("goflask", "Blueprint"),
    ],
)
def test_a_name_the_framework_lacks_stays_missing(name: str, path: str) -> None:
    target = load_target(name)
    head, _, rest = path.partition(".")
    with pytest.raises(MissingName, match=f"target '{name}' has no "):
        found = getattr(target, head)
        if rest:
            getattr(found, rest)


def test_bustapi_command_tool_is_not_taken_for_flask_cli() -> None:
    target = load_target("bustapi")
    assert "cli" in target.unsupported
    with pytest.raises(Unsupported, match="argparse project tool"):
        target.cli


def _hello_app(target):
    app = target.make_app("adapter_test")

    @app.route("/hello")
    def hello():
        return "hello"

    return app


@pytest.mark.parametrize("name", ["quart", "bustapi", "zan"])
def test_client_built_by_the_adapter_answers_a_request(name: str) -> None:
    target = load_target(name)
    response = target.make_client(_hello_app(target)).get("/hello")
    assert (response.status_code, response.data, response.text) == (200, b"hello", "hello")


def test_quart_client_awaits_bodies_json_and_session_transactions() -> None:
    target = load_target("quart")
    app = target.make_app("adapter_test")
    app.secret_key = "adapter-test"

    @app.route("/count")
    def count():
        return {"count": target.session.get("count", 0)}

    client = target.make_client(app)
    with client.session_transaction() as session:
        session["count"] = 3
    response = client.get("/count")
    assert response.get_json() == {"count": 3}
    assert response.json == {"count": 3}
    assert response.get_data(as_text=True) == '{"count":3}\n'
    assert response.headers["Content-Type"] == "application/json"


def test_goflask_declares_the_test_client_unsupported() -> None:
    target = load_target("goflask")
    with pytest.raises(Unsupported) as raised:
        target.make_client(_hello_app(target))
    assert raised.value.capability == "test-client"
    assert "not WSGI callables" in raised.value.reason


def test_one_area_matches_each_framework_expectations(tmp_path: Path) -> None:
    report = tmp_path / "results.json"
    targets = [argument for name in FRAMEWORKS for argument in ("--target", name)]
    options = ["--area", "views", "--spec-timeout", "5", "--json", str(report)]
    completed = subprocess.run(
        [sys.executable, "-m", "conformance", "run", *targets, *options],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=240,
        cwd=REPOSITORY_DIR,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
    for name in FRAMEWORKS:
        assert f"{name}: results match the expectations" in completed.stdout
    records = json.loads(report.read_text())["results"]
    outcomes = {(record["target"], record["outcome"]) for record in records}
    # The area tells something about each framework: the specs ran and graded
    # it (known failures are graded expected-failure), not all unsupported.
    assert ("quart", "passed") in outcomes and ("quart", "expected-failure") in outcomes
    assert ("bustapi", "expected-failure") in outcomes
    assert ("zan", "expected-failure") in outcomes
    assert ("goflask", "unsupported") in outcomes
