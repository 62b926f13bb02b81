"""Flask's sentences when the ``flask`` command cannot find or load an application.

The modules named here live in ``fixtures/apps/cli``; the cli area's
``cli_apps`` fixture makes them importable with the target's names.
"""

import importlib

import click
import pytest
from click.testing import CliRunner

from conformance.specs.cli.conftest import cli_apps  # noqa: F401 (autouse: the apps of fixtures/apps/cli)

pytestmark = pytest.mark.requires("cli")


@pytest.fixture
def runner() -> CliRunner:
    """A Click test runner; standard output and standard error are kept apart."""
    return CliRunner()


NOT_FOUND = (
    "Failed to find Flask application or factory in module 'cliapp_none'."
    " Use 'cliapp_none:name' to specify one."
)
NOT_LOCATED = (
    "Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP'"
    " environment variable, or a 'wsgi.py' or 'app.py' file in the current directory."
)


def _message(target, call, *args):
    """The message of the ``NoAppException`` raised by ``call(*args)``, as the command line shows it."""
    with pytest.raises(target.cli.NoAppException) as raised:
        call(*args)
    return raised.value.format_message()


@pytest.mark.parametrize(
    ("module_name", "expected"),
    [
        pytest.param(
            "cliapp_multiple",
            "Detected multiple Flask applications in module 'cliapp_multiple'."
            " Use 'cliapp_multiple:name' to specify the correct one.",
            id="several-apps",
        ),
        pytest.param(
            "cliapp_factory_args",
            "Detected factory 'create_app' in module 'cliapp_factory_args', but could not"
            " call it without arguments. Use 'cliapp_factory_args:create_app(args)' to"
            " specify arguments.",
            id="factory-needs-arguments",
        ),
        pytest.param("cliapp_none", NOT_FOUND, id="nothing-found"),
    ],
)
def test_find_best_app_messages(target, module_name, expected):
    """``find_best_app`` raises ``NoAppException`` with Flask's sentence for several apps, a factory needing arguments, or nothing found (Flask API: cli.find_best_app)."""
    module = importlib.import_module(module_name)

    assert _message(target, target.cli.find_best_app, module) == expected


@pytest.mark.parametrize(
    ("app_name", "expected"),
    [
        pytest.param(
            "create_app(",
            "Failed to parse 'create_app(' as an attribute name or function call.",
            id="syntax-error",
        ),
        pytest.param(
            "factories.app",
            "Failed to parse 'factories.app' as an attribute name or function call.",
            id="dotted-attribute",
        ),
        pytest.param(
            "factories.create_app()",
            "Function reference must be a simple name: 'factories.create_app()'.",
            id="dotted-factory-call",
        ),
        pytest.param(
            "create_app(name)",
            "Failed to parse arguments as literal values: 'create_app(name)'.",
            id="non-literal-argument",
        ),
        pytest.param(
            "missing",
            "Failed to find attribute 'missing' in 'cliapp_factory'.",
            id="missing-attribute",
        ),
        pytest.param(
            "create_app(1, 2, 3)",
            "The factory 'create_app(1, 2, 3)' in module 'cliapp_factory' could not be"
            " called with the specified arguments.",
            id="factory-wrong-arguments",
        ),
        pytest.param(
            "__name__",
            "A valid Flask application was not obtained from 'cliapp_factory:__name__'.",
            id="not-an-app",
        ),
    ],
)
def test_find_app_by_string_messages(target, app_name, expected):
    """``find_app_by_string`` raises ``NoAppException`` with Flask's sentence naming the expression that could not give an app (Flask API: cli.find_app_by_string)."""
    module = importlib.import_module("cliapp_factory")

    assert _message(target, target.cli.find_app_by_string, module, app_name) == expected


def test_locate_app_unknown_module_message(target):
    """``locate_app`` for a module that does not exist raises ``NoAppException`` saying it could not import it (Flask API: cli.locate_app)."""
    message = _message(target, target.cli.locate_app, "cliapp_does_not_exist", None)

    assert message == "Could not import 'cliapp_does_not_exist'."


def test_locate_app_import_error_message(target):
    """An ``ImportError`` raised inside the module is reported as Flask's "While importing" sentence followed by a blank line and the traceback (Flask API: cli.locate_app)."""
    message = _message(target, target.cli.locate_app, "cliapp_broken_import", None)

    prefix = "While importing 'cliapp_broken_import', an ImportError was raised:\n\n"
    assert message.startswith(prefix + "Traceback (most recent call last):\n")
    assert message.endswith(
        "ModuleNotFoundError: No module named 'cliapp_this_module_does_not_exist'\n"
    )


def test_script_info_nothing_to_load_message(target, tmp_path, monkeypatch):
    """``ScriptInfo.load_app`` without an import path, in a folder without ``wsgi.py`` or ``app.py``, raises Flask's sentence listing the ways to name an app (Flask API: cli.ScriptInfo)."""
    monkeypatch.chdir(tmp_path)

    assert _message(target, target.cli.ScriptInfo().load_app) == NOT_LOCATED


def test_unloadable_app_error_line(target, runner):
    """A built-in command whose application cannot be loaded ends its error output with ``Error:`` and Flask's sentence (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "routes"])

    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {NOT_FOUND}"


def test_with_appcontext_without_app_error_line(target, runner, tmp_path, monkeypatch):
    """An ``AppGroup`` command run outside the ``flask`` command with no app to find fails with Flask's "Could not locate" sentence (Flask API: cli.with_appcontext)."""
    monkeypatch.chdir(tmp_path)
    group = target.cli.AppGroup("tools")

    @group.command("hello")
    def hello():
        click.echo("hello")

    result = runner.invoke(group, ["hello"])

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: {NOT_LOCATED}"


def test_help_with_unloadable_app_shows_red_error(target, runner):
    """``flask --help`` with an app that cannot be loaded first prints ``Error:``, Flask's sentence and a blank line in red on standard error (Flask API: cli.FlaskGroup)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "--help"], color=True)

    assert result.exit_code == 0
    assert result.stderr == f"\x1b[31mError: {NOT_FOUND}\n\x1b[0m\n"


def test_unknown_command_with_unloadable_app_shows_red_error(target, runner):
    """An unknown command with an app that cannot be loaded prints Flask's loading error in red before Click's ``No such command`` (Flask API: cli.FlaskGroup)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "nope"], color=True)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"\x1b[31mError: {NOT_FOUND}\n\x1b[0m\nUsage: ")
    assert result.stderr.splitlines()[-1] == "Error: No such command 'nope'."


def test_help_with_failing_app_shows_red_traceback(target, runner):
    """``flask --help`` with an app whose loading raises an unexpected error prints the traceback in red on standard error (Flask API: cli.FlaskGroup)."""
    result = runner.invoke(
        target.cli.cli, ["--app", "cliapp_factory_type_error", "--help"], color=True
    )

    assert result.exit_code == 0
    assert result.stderr.startswith("\x1b[31mTraceback (most recent call last):\n")
    assert result.stderr.endswith("TypeError: raised inside the factory\n\n\x1b[0m\n")
