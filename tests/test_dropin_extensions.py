"""More of the extensions users run, unmodified, on Flask and on impl in drop-in
mode: each app in ``fixtures/apps/extensions/`` is driven through its scripted
requests (or CLI commands) by ``drive.py`` once on Flask and once under
``python -m impl.dropin``, and the two recordings must be equal.

The recordings already leave out only what differs from run to run by design
(signed-token values, future dates, revision ids); see ``drive.py`` and each
app's docstring.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conformance.paths import APPS_DIR, REPOSITORY_DIR

EXTENSIONS_DIR = APPS_DIR / "extensions"
DRIVER = EXTENSIONS_DIR / "drive.py"

#: app name (``NAME_app.py``) -> the distribution it exercises
APPS = {
    "migrate": "Flask-Migrate",
    "restful": "Flask-RESTful",
    "jwt": "Flask-JWT-Extended",
    "smorest": "flask-smorest",
    "babel": "Flask-Babel",
    "limiter": "Flask-Limiter",
    "caching": "Flask-Caching",
    "session": "Flask-Session",
}


def record(app_name: str) -> dict[str, dict]:
    """The app's recordings on Flask and on impl, both runs at once."""
    commands = {
        "flask": [sys.executable, str(DRIVER), app_name],
        "impl": [sys.executable, "-m", "impl.dropin", str(DRIVER), app_name],
    }
    runs = {
        framework: subprocess.Popen(
            command, cwd=REPOSITORY_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for framework, command in commands.items()
    }
    recordings = {}
    for framework, run in runs.items():
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, f"{framework}:\n{stderr}"
        recordings[framework] = json.loads(stdout)
    return recordings


@pytest.mark.parametrize("app_name", sorted(APPS))
def test_extension_app_records_the_same_on_impl_as_on_flask(app_name: str):
    recordings = record(app_name)
    assert recordings["flask"].pop("framework") == "flask"
    assert recordings["impl"].pop("framework") == "impl"
    assert len(recordings["flask"]["records"]) >= 8, "the scenario recorded too little"
    flask_records = recordings["flask"]["records"]
    impl_records = recordings["impl"]["records"]
    # Record by record first, so that a failure names the request that differs.
    for flask_record, impl_record in zip(flask_records, impl_records, strict=False):
        assert impl_record == flask_record, flask_record["request"]
    assert impl_records == flask_records


def test_every_app_is_listed_and_its_extension_declared():
    """A new ``*_app.py`` gets a comparison here (or in test_dropin.py), and the
    distribution it imports is in the ``test`` extras the CI installs."""
    apps = {path.name.removesuffix("_app.py") for path in EXTENSIONS_DIR.glob("*_app.py")}
    assert apps == {*APPS, "login", "wtf", "sqlalchemy", "cors"}
    extras = (REPOSITORY_DIR / "pyproject.toml").read_text(encoding="utf-8")
    for distribution in APPS.values():
        assert f'"{distribution}>=' in extras, distribution


# Which submodules are attributes of the package right after ``import flask``
# (Flask's modules import each other); printed as JSON by each framework.
SUBMODULE_ATTRIBUTES = textwrap.dedent("""
    import json, types
    import flask
    names = ["app", "blueprints", "cli", "config", "ctx", "debughelpers", "globals",
             "helpers", "json", "logging", "sessions", "signals", "templating",
             "testing", "typing", "views", "wrappers"]
    print(json.dumps({
        name: isinstance(getattr(flask, name, None), types.ModuleType) for name in names
    }))
""")


def test_submodules_reachable_after_import_flask_are_reachable_on_impl():
    """flask-smorest uses ``flask.cli.AppGroup`` after a bare ``import flask``.

    impl may reach more: its ``app`` module imports ``debughelpers``, which
    Flask's loads only when needed; no Flask program can rely on that.
    """
    answers = {}
    for framework, prefix in (("flask", []), ("impl", ["-m", "impl.dropin"])):
        result = subprocess.run(
            [sys.executable, *prefix, "-c", SUBMODULE_ATTRIBUTES],
            capture_output=True, text=True, cwd=REPOSITORY_DIR, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        answers[framework] = json.loads(result.stdout)
    reachable = {framework: {name for name, is_module in answer.items() if is_module}
                 for framework, answer in answers.items()}  # fmt: skip
    assert "cli" in reachable["flask"] and "views" not in reachable["flask"]
    assert reachable["flask"] <= reachable["impl"], reachable["flask"] - reachable["impl"]
