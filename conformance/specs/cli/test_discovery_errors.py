"""What the ``flask`` command reports when it cannot load an application."""

import pytest


def _routes(target, runner, app_path):
    return runner.invoke(target.cli.cli, ["--app", app_path, "routes"])


@pytest.mark.parametrize(
    ("app_path", "message"),
    [
        pytest.param(
            "cliapp_multiple",
            "Detected multiple Flask applications in module 'cliapp_multiple'",
            id="several-apps",
        ),
        pytest.param(
            "cliapp_none",
            "Failed to find Flask application or factory in module 'cliapp_none'",
            id="no-app",
        ),
        pytest.param(
            "cliapp_factory_args",
            "could not call it without arguments",
            id="factory-needs-arguments",
        ),
        pytest.param(
            "cliapp_factory:missing",
            "Failed to find attribute 'missing' in 'cliapp_factory'",
            id="missing-attribute",
        ),
        pytest.param(
            "cliapp_factory:create_app(1, 2, 3)",
            "could not be called with the specified arguments",
            id="factory-wrong-arguments",
        ),
        pytest.param(
            "cliapp_factory:create_app(name)",
            "Failed to parse arguments as literal values",
            id="non-literal-argument",
        ),
        pytest.param(
            "cliapp_factory:factories.create_app()",
            "Function reference must be a simple name",
            id="dotted-factory-call",
        ),
        pytest.param(
            "cliapp_factory:factories.app",
            "as an attribute name or function call",
            id="dotted-attribute",
        ),
        pytest.param(
            "cliapp_factory:create_app(",
            "as an attribute name or function call",
            id="syntax-error",
        ),
        pytest.param(
            "cliapp_none:value",
            "A valid Flask application was not obtained from 'cliapp_none:value'",
            id="attribute-not-an-app",
        ),
        pytest.param(
            "cliapp_does_not_exist",
            "Could not import 'cliapp_does_not_exist'",
            id="unknown-module",
        ),
        pytest.param(
            "cliapp_broken_import",
            "While importing 'cliapp_broken_import', an ImportError was raised",
            id="import-error-inside-module",
        ),
    ],
)
def test_unloadable_app_is_a_usage_error(target, runner, app_path, message):
    """A command that cannot load its application exits with status 2 and prints the reason as an error (Flask docs: Application Discovery)."""
    result = _routes(target, runner, app_path)

    assert result.exit_code == 2
    assert "Error:" in result.output
    assert message in result.output


def test_no_app_anywhere_is_a_usage_error(target, runner):
    """Without ``--app``, ``FLASK_APP``, ``wsgi.py`` or ``app.py`` a command exits with status 2 explaining how to name an app (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["routes"])

    assert result.exit_code == 2
    assert "Could not locate a Flask application" in result.output
    assert "--app" in result.output


def test_broken_import_error_shows_the_traceback(target, runner):
    """An ``ImportError`` raised inside the application module is shown with its traceback (Flask docs: Application Discovery)."""
    result = _routes(target, runner, "cliapp_broken_import")

    assert "Traceback" in result.output
    assert "cliapp_this_module_does_not_exist" in result.output


def test_type_error_inside_factory_is_not_hidden(target, runner):
    """A ``TypeError`` raised inside a correctly called factory propagates as it is, not as a discovery error (Flask API: cli.find_best_app)."""
    result = _routes(target, runner, "cliapp_factory_type_error")

    assert result.exit_code == 1
    assert isinstance(result.exception, TypeError)
    assert str(result.exception) == "raised inside the factory"


def test_unknown_command_with_unloadable_app_shows_both_errors(target, runner):
    """An unknown command with an unloadable app prints the loading error and then ``No such command`` (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "nope"])

    assert result.exit_code == 2
    assert "Failed to find Flask application or factory" in result.output
    assert "No such command 'nope'" in result.output


def test_help_still_works_with_unloadable_app(target, runner):
    """``--help`` still lists the built-in commands when the application fails to load, after printing the error (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "--help"])

    assert result.exit_code == 0
    assert "Failed to find Flask application or factory" in result.output
    assert "routes" in result.output.split("Commands:")[1]


def test_help_shows_traceback_of_unexpected_load_error(target, runner):
    """``--help`` prints the traceback of an unexpected exception raised while loading the app, and still lists commands (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_factory_type_error", "--help"])

    assert result.exit_code == 0
    assert "Traceback" in result.output
    assert "TypeError: raised inside the factory" in result.output
    assert "shell" in result.output.split("Commands:")[1]
