"""What the ``flask`` command reports when it cannot load an application."""

import pytest


def _routes(target, runner, app_path):
    return runner.invoke(target.cli.cli, ["--app", app_path, "routes"])


def _error_lines(result):
    """The lines of standard error that report an error: they start with ``Error:``."""
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


@pytest.mark.parametrize(
    ("app_path", "facts"),
    [
        pytest.param(
            "cliapp_multiple", ("'cliapp_multiple'", "'cliapp_multiple:name'"), id="several-apps"
        ),
        pytest.param("cliapp_none", ("'cliapp_none'", "'cliapp_none:name'"), id="no-app"),
        pytest.param(
            "cliapp_factory_args",
            ("'create_app'", "'cliapp_factory_args'", "'cliapp_factory_args:create_app(args)'"),
            id="factory-needs-arguments",
        ),
        pytest.param(
            "cliapp_factory:missing", ("'missing'", "'cliapp_factory'"), id="missing-attribute"
        ),
        pytest.param(
            "cliapp_factory:create_app(1, 2, 3)",
            ("'create_app(1, 2, 3)'", "'cliapp_factory'"),
            id="factory-wrong-arguments",
        ),
        pytest.param(
            "cliapp_factory:create_app(name)", ("'create_app(name)'",), id="non-literal-argument"
        ),
        pytest.param(
            "cliapp_factory:factories.create_app()",
            ("'factories.create_app()'",),
            id="dotted-factory-call",
        ),
        pytest.param("cliapp_factory:factories.app", ("'factories.app'",), id="dotted-attribute"),
        pytest.param("cliapp_factory:create_app(", ("'create_app('",), id="syntax-error"),
        pytest.param("cliapp_none:value", ("'cliapp_none:value'",), id="attribute-not-an-app"),
        pytest.param("cliapp_does_not_exist", ("'cliapp_does_not_exist'",), id="unknown-module"),
        pytest.param(
            "cliapp_broken_import",
            ("'cliapp_broken_import'", "ImportError"),
            id="import-error-inside-module",
        ),
    ],
)
def test_unloadable_app_is_a_usage_error(target, runner, app_path, facts):
    """A command that cannot load its application exits with status 2, prints nothing on standard output and one ``Error:`` line on standard error naming what it could not use (Flask docs: Application Discovery)."""
    result = _routes(target, runner, app_path)

    assert result.exit_code == 2
    assert result.stdout == ""
    (error,) = _error_lines(result)
    for fact in facts:
        assert fact in error


def test_no_app_anywhere_is_a_usage_error(target, runner):
    """Without ``--app``, ``FLASK_APP``, ``wsgi.py`` or ``app.py`` a command exits with status 2 with an error naming those four ways to give an app (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["routes"])

    assert result.exit_code == 2
    (error,) = _error_lines(result)
    for fact in ("--app", "FLASK_APP", "wsgi.py", "app.py"):
        assert fact in error


def test_broken_import_error_shows_the_traceback(target, runner):
    """An ``ImportError`` raised inside the application module is shown with its traceback (Flask docs: Application Discovery)."""
    result = _routes(target, runner, "cliapp_broken_import")

    after_error = result.stderr.split("Error: ", 1)[1]
    assert "\nTraceback (most recent call last):\n" in after_error
    assert after_error.rstrip("\n").endswith(
        "ModuleNotFoundError: No module named 'cliapp_this_module_does_not_exist'"
    )


def test_type_error_inside_factory_is_not_hidden(target, runner):
    """A ``TypeError`` raised inside a correctly called factory propagates as it is, not as a discovery error (Flask API: cli.find_best_app)."""
    result = _routes(target, runner, "cliapp_factory_type_error")

    assert result.exit_code == 1
    assert isinstance(result.exception, TypeError)
    assert str(result.exception) == "raised inside the factory"


def test_type_error_inside_a_named_factory_call_is_not_hidden(target):
    """A ``TypeError`` raised inside a factory named in the import path as ``module:create_app()`` propagates as it is, not as a discovery error (Flask docs: Application Discovery)."""
    info = target.cli.ScriptInfo(app_import_path="cliapp_factory_type_error:create_app()")

    with pytest.raises(TypeError) as raised:
        info.load_app()

    assert str(raised.value) == "raised inside the factory"


def test_unknown_command_with_unloadable_app_shows_both_errors(target, runner):
    """An unknown command with an unloadable app prints the loading error and then ``No such command`` (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "nope"])

    assert result.exit_code == 2
    loading, unknown = _error_lines(result)
    assert "'cliapp_none'" in loading
    assert unknown == "Error: No such command 'nope'."


def test_help_still_works_with_unloadable_app(target, runner):
    """``--help`` still lists the built-in commands when the application fails to load, after printing the error (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_none", "--help"])

    assert result.exit_code == 0
    (error,) = _error_lines(result)
    assert "'cliapp_none'" in error
    assert "routes" in result.stdout.split("Commands:")[1]


def test_help_shows_traceback_of_unexpected_load_error(target, runner):
    """``--help`` prints the traceback of an unexpected exception raised while loading the app, and still lists commands (Flask docs: Application Discovery)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_factory_type_error", "--help"])

    assert result.exit_code == 0
    assert "Traceback" in result.output
    assert "TypeError: raised inside the factory" in result.output
    assert "shell" in result.output.split("Commands:")[1]
