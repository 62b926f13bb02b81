"""What Flask's built-in commands print, word for word: ``routes``, ``--version``, ``shell`` and dotenv notices."""

import platform
import sys
from importlib.metadata import version

import pytest
from click.testing import CliRunner

from conformance.specs.cli.conftest import cli_apps  # noqa: F401 (autouse: the apps of fixtures/apps/cli)

pytestmark = pytest.mark.requires("cli")


@pytest.fixture
def runner() -> CliRunner:
    """A Click test runner; standard output and standard error are kept apart."""
    return CliRunner()


def _routes(target, runner, app, *args):
    """``flask routes ARGS`` for *app*; its standard output."""
    group = target.cli.FlaskGroup(create_app=lambda: app)
    result = runner.invoke(group, ["routes", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_routes_table_text(target, runner):
    """``flask routes`` prints Endpoint, Methods and Rule headers, dashes as wide as each column, and rows padded to those widths two spaces apart (Flask API: cli.routes_command)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_routes", "routes"])

    assert result.exit_code == 0
    assert result.stdout == (
        "Endpoint  Methods   Rule                   \n"
        "--------  --------  -----------------------\n"
        "a_zebra   POST      /zebra                 \n"
        "mango     GET, PUT  /mango                 \n"
        "static    GET       /static/<path:filename>\n"
        "yak       GET       /apple                 \n"
    )


def test_routes_subdomain_column_text(target, runner):
    """``flask routes`` adds a Subdomain column before Rule when a route has a subdomain, left empty for the others (Flask API: cli.routes_command)."""
    app = target.Flask("conformance_wording_subdomains")
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/", subdomain="api")
    def index():
        return ""

    assert _routes(target, runner, app) == (
        "Endpoint  Methods  Subdomain  Rule                   \n"
        "--------  -------  ---------  -----------------------\n"
        "index     GET      api        /                      \n"
        "static    GET                 /static/<path:filename>\n"
    )


def test_routes_host_column_text(target, runner):
    """With host matching, ``flask routes --all-methods`` shows a Host column and lists HEAD and OPTIONS among the methods (Flask API: cli.routes_command)."""
    app = target.Flask("conformance_wording_hosts", host_matching=True, static_host="static.test")

    @app.route("/", host="example.test")
    def index():
        return ""

    assert _routes(target, runner, app, "--all-methods") == (
        "Endpoint  Methods             Host          Rule                   \n"
        "--------  ------------------  ------------  -----------------------\n"
        "index     GET, HEAD, OPTIONS  example.test  /                      \n"
        "static    GET, HEAD, OPTIONS  static.test   /static/<path:filename>\n"
    )


def test_routes_without_routes_text(target, runner):
    """``flask routes`` for an application without any route prints exactly ``No routes were registered.`` (Flask API: cli.routes_command)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_no_routes", "routes"])

    assert result.exit_code == 0
    assert result.stdout == "No routes were registered.\n"


def test_version_output_text(target, runner):
    """``flask --version`` prints ``Python``, ``Flask`` and ``Werkzeug`` each followed by the installed version, one per line (Flask API: cli.FlaskGroup)."""
    result = runner.invoke(target.cli.cli, ["--version"])

    assert result.exit_code == 0
    assert result.stdout == (
        f"Python {platform.python_version()}\n"
        f"Flask {version('flask')}\n"
        f"Werkzeug {version('werkzeug')}\n"
    )


def test_shell_banner_text(target, runner):
    """``flask shell`` greets with ``Python <sys.version> on <platform>``, ``App: <import name>`` and ``Instance: <instance path>`` lines (Flask API: cli.shell_command)."""
    app = target.Flask("conformance_wording_shell")
    group = target.cli.FlaskGroup(create_app=lambda: app)

    result = runner.invoke(group, ["shell"], input="")

    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"Python {sys.version} on {sys.platform}\n"
        "App: conformance_wording_shell\n"
        f"Instance: {app.instance_path}\n"
        "\n"
    )


def test_dotenv_missing_tip_text(target, runner, tmp_path, monkeypatch):
    """Without python-dotenv and with a ``.flaskenv`` present, the ``flask`` command prints Flask's yellow tip to install python-dotenv on standard error (Flask API: cli.load_dotenv)."""
    monkeypatch.setitem(sys.modules, "dotenv", None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".flaskenv").write_text("CLIENV_A=1\n", encoding="utf-8")
    app = target.Flask("conformance_wording_dotenv")
    group = target.cli.FlaskGroup(create_app=lambda: app)

    result = runner.invoke(group, ["routes"], color=True)

    assert result.exit_code == 0
    assert result.stderr == (
        "\x1b[33m * Tip: There are .env files present. Install python-dotenv to use them.\x1b[0m\n"
    )


def test_env_file_without_dotenv_text(target, runner, tmp_path, monkeypatch):
    """Without python-dotenv, ``flask --env-file`` fails with Flask's sentence that python-dotenv must be installed to load an env file (Flask API: cli.FlaskGroup)."""
    monkeypatch.setitem(sys.modules, "dotenv", None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.env").write_text("CLIENV_A=1\n", encoding="utf-8")

    result = runner.invoke(target.cli.cli, ["--env-file", "settings.env", "--version"])

    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '-e' / '--env-file': python-dotenv must be installed to load"
        " an env file."
    )
