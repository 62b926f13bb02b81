"""Drop-in mode (impl.dropin): unmodified Flask apps and extensions on impl.

Installing drop-in mode changes ``sys.modules`` for good, so every check runs
in a child Python process.
"""

from __future__ import annotations

import importlib.metadata
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from conformance.paths import APPS_DIR, REPOSITORY_DIR
from conformance.targets import SUBMODULES

from .test_dropin_extensions import record

EXTENSIONS_DIR = APPS_DIR / "extensions"

# Every public submodule of flask, plus the two modules impl also provides
# under Flask's names although the conformance targets do not need them.
PUBLIC_SUBMODULES = sorted({*SUBMODULES, "debughelpers", "typing"})


def run_python(*args: str, cwd: Path = REPOSITORY_DIR, timeout: float = 60):
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def run_checks(code: str) -> subprocess.CompletedProcess:
    """Run *code* (asserts) in a fresh interpreter; fail with its stderr."""
    result = run_python("-c", textwrap.dedent(code))
    assert result.returncode == 0, result.stderr
    return result


def run_dropin(*args: str, cwd: Path = REPOSITORY_DIR) -> subprocess.CompletedProcess:
    return run_python("-m", "impl.dropin", *args, cwd=cwd)


# --- install(), uninstall() and the refusal -----------------------------------


def test_flask_and_every_public_submodule_are_impls_modules():
    run_checks(f"""
        import importlib, sys
        import impl.dropin
        impl.dropin.install()
        import flask
        assert flask is sys.modules["flask"] is sys.modules["impl"]
        for name in {PUBLIC_SUBMODULES!r}:
            module = importlib.import_module("flask." + name)
            assert module is sys.modules["flask." + name], name
            assert module is importlib.import_module("impl." + name), name
            assert module.__name__ == "impl." + name, module.__name__
        from flask import sessions
        from flask.json import provider
        assert sessions is flask.sessions and provider is flask.json.provider
        assert flask.__spec__.name == "impl"
    """)


def test_install_twice_installs_once():
    run_checks("""
        import sys
        import impl.dropin
        impl.dropin.install()
        impl.dropin.install()
        import flask
        assert flask.__name__ == "impl"
        assert sum(type(f).__name__ == "_FlaskAliasFinder" for f in sys.meta_path) == 1
    """)


def test_install_refuses_once_the_real_flask_is_imported():
    run_checks("""
        import sys
        import flask
        import impl.dropin
        try:
            impl.dropin.install()
        except impl.dropin.FlaskAlreadyImported as error:
            assert isinstance(error, RuntimeError)
            assert "'flask'" in str(error) and "python -m impl.dropin" in str(error), error
        else:
            raise AssertionError("install() did not refuse")
        assert sys.modules["flask"] is flask and flask.__name__ == "flask"
        assert not any(type(f).__name__ == "_FlaskAliasFinder" for f in sys.meta_path)
    """)


def test_uninstall_lets_the_real_flask_be_imported():
    run_checks("""
        import impl.dropin
        impl.dropin.install()
        import flask.sessions
        assert flask.__name__ == "impl"
        impl.dropin.uninstall()
        del flask
        import flask
        import flask.sessions
        assert flask.__name__ == "flask" and flask.sessions.__name__ == "flask.sessions"
    """)


def test_flask_distribution_metadata_still_answers():
    run_checks("""
        import importlib.metadata, warnings
        import impl.dropin
        impl.dropin.install()
        import flask
        real_version = importlib.metadata.version("flask")
        assert importlib.metadata.distribution("flask").metadata["Name"] == "Flask"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert flask.__version__ == real_version
        assert caught and caught[0].category is DeprecationWarning
    """)


def test_submodules_impl_lacks_are_not_found():
    run_checks("""
        import impl.dropin
        impl.dropin.install()
        try:
            import flask.sansio
        except ModuleNotFoundError as error:
            assert error.name == "flask.sansio", error.name
        else:
            raise AssertionError("flask.sansio imported")
    """)


# --- python -m impl.dropin ------------------------------------------------------


def test_code_runs_with_its_arguments_on_impl():
    result = run_dropin("-c", "import flask, sys; print(flask.__name__, sys.argv)", "a", "-b")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "impl ['-c', 'a', '-b']\n"


def test_script_runs_as_main_with_its_directory_on_the_path(tmp_path: Path):
    (tmp_path / "helper.py").write_text("import flask\nFRAMEWORK = flask.Flask.__module__\n")
    (tmp_path / "script.py").write_text(
        "import sys, helper\nprint(__name__, helper.FRAMEWORK, sys.argv[1:])\n"
    )
    result = run_dropin(str(tmp_path / "script.py"), "--flag")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "__main__ impl.app ['--flag']\n"


DROPIN_FLASK_SPELLINGS = {
    "module": ["-m", "flask"],
    "module-attached": ["-mflask"],
    "console-script": ["flask"],
}


@pytest.mark.parametrize("spelling", DROPIN_FLASK_SPELLINGS)
def test_modules_and_console_scripts_run_on_impl(spelling: str, tmp_path: Path):
    (tmp_path / "probe.py").write_text(
        "import sys, flask\nprint('framework', flask.Flask.__module__, file=sys.stderr)\n"
        "app = flask.Flask(__name__)\n"
    )
    command = DROPIN_FLASK_SPELLINGS[spelling]
    result = run_dropin(*command, "--app", "probe", "routes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "framework impl.app" in result.stderr


@pytest.mark.parametrize("spelling", DROPIN_FLASK_SPELLINGS)
def test_version_prints_what_flask_prints(spelling: str):
    """Under drop-in the program believes it runs Flask, so ``--version`` reads
    as Flask's own: the installed distribution's version on the Flask line."""
    result = run_dropin(*DROPIN_FLASK_SPELLINGS[spelling], "--version")
    reference = subprocess.run(
        [sys.executable, "-m", "flask", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == reference.returncode == 0, result.stderr
    assert result.stdout == reference.stdout
    assert f"\nFlask {importlib.metadata.version('flask')}\n" in result.stdout


def test_submodules_are_attributes_after_a_bare_import():
    result = run_dropin(
        "-c",
        "import flask; print(flask.cli.AppGroup.__module__, flask.signals.request_started.name)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "impl.cli request-started\n"


def test_debughelpers_classes_import_from_flask():
    result = run_dropin(
        "-c",
        "from flask.debughelpers import DebugFilesKeyError, FormDataRoutingRedirect,"
        " UnexpectedUnicodeError\n"
        "print([c.__module__ for c in (DebugFilesKeyError, FormDataRoutingRedirect,"
        " UnexpectedUnicodeError)])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['impl.debughelpers', 'impl.debughelpers', 'impl.debughelpers']\n"


def test_g_repr_names_the_module_the_program_imported():
    code = """
        import {name}
        app = {name}.Flask("shop")
        with app.app_context():
            print(repr({name}.g))
    """
    on_flask = run_dropin("-c", textwrap.dedent(code.format(name="flask")))
    on_impl = run_python("-c", textwrap.dedent(code.format(name="impl")))
    assert on_flask.stdout == "<flask.g of 'shop'>\n", on_flask.stderr
    assert on_impl.stdout == "<impl.g of 'shop'>\n", on_impl.stderr


def test_flask_cli_loads_an_unmodified_app(tmp_path: Path):
    (tmp_path / "hello.py").write_text(
        "from flask import Flask\napp = Flask(__name__)\n\n"
        "@app.get('/hello')\ndef hello():\n    return 'hi'\n"
    )
    result = run_dropin("flask", "--app", "hello", "routes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "hello" in result.stdout and "/hello" in result.stdout


def test_pytest_runs_flask_tests_on_impl(tmp_path: Path):
    (tmp_path / "test_app.py").write_text(
        textwrap.dedent("""
        import flask

        def test_runs_on_impl():
            app = flask.Flask(__name__)
            app.get("/")(lambda: "ok")
            assert type(app).__module__ == "impl.app"
            assert app.test_client().get("/").data == b"ok"
        """)
    )
    result = run_dropin("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_help_prints_the_usage():
    result = run_dropin("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m impl.dropin (-m MODULE | -c CODE")


@pytest.mark.parametrize(
    "args",
    [[], ["-x"], ["-m"], ["-c"], ["no-such-command"], ["missing.py"], ["-m", "no_such_module"]],
    ids=["nothing", "unknown-option", "m-alone", "c-alone", "no-command", "no-file", "no-module"],
)
def test_wrong_usage_is_one_line_and_status_2(args):
    result = run_dropin(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("python -m impl.dropin: ")
    assert result.stderr.count("\n") == 1, result.stderr


def test_command_refuses_when_flask_was_imported_at_startup(tmp_path: Path):
    # A sitecustomize module runs before any program, so the real Flask is in
    # sys.modules by the time python -m impl.dropin starts.
    (tmp_path / "sitecustomize.py").write_text("import flask\n")
    result = subprocess.run(
        [sys.executable, "-m", "impl.dropin", "-c", "print('ran')"],
        capture_output=True, text=True, cwd=REPOSITORY_DIR, timeout=60,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("python -m impl.dropin: cannot run on impl: the real Flask")
    assert result.stderr.count("\n") == 1, result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_an_unmodified_app_on_impl(tmp_path: Path):
    (tmp_path / "served.py").write_text(
        "from flask import Flask, current_app\napp = Flask(__name__)\n\n"
        "@app.get('/')\ndef index():\n    return type(current_app._get_current_object()).__module__\n"
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "impl.dropin", "gunicorn", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "served:app"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.read() == b"impl.app"
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        server.terminate()
        server.communicate(timeout=10)


# --- unmodified extensions: the same responses on Flask and on impl -------------


@pytest.mark.parametrize("app_name", ["login", "wtf", "sqlalchemy", "cors"])
def test_extension_app_responds_on_impl_as_on_flask(app_name: str):
    """drive.py sends the app's scripted requests through the test client and
    prints status, headers, cookie shapes and bodies; the run on Flask and the
    run under ``python -m impl.dropin`` must print the same."""
    recordings = record(app_name)
    assert recordings["flask"].pop("framework") == "flask"
    assert recordings["impl"].pop("framework") == "impl"
    assert recordings["flask"]["records"], "the scenario recorded nothing"
    assert recordings["impl"] == recordings["flask"]


def test_extension_fixtures_never_import_impl():
    for path in EXTENSIONS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import impl" not in source and "from impl" not in source, path.name
        if path.name.endswith("_app.py"):
            assert "from flask import" in source, path.name
