"""How ``flask --app`` and ``FLASK_APP`` find the application to load."""

import pytest


def _loaded(runner, group, *app_args, env=None):
    result = runner.invoke(group, [*app_args, "which-app"], env=env)
    assert result.exit_code == 0, result.output
    return result.output.strip()


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        pytest.param("cliapp_app", "app=cliapp_app", id="app-attribute"),
        pytest.param("cliapp_application", "app=cliapp_application", id="application-attribute"),
        pytest.param("cliapp_single", "app=cliapp_single", id="single-instance-other-name"),
        pytest.param("cliapp_app_preferred", "app=cliapp_app_preferred", id="app-wins-over-others"),
        pytest.param(
            "cliapp_application_preferred",
            "app=cliapp_application_preferred",
            id="application-wins-over-others",
        ),
        pytest.param("cliapp_factory", "app=cliapp_factory", id="create-app-factory"),
        pytest.param("cliapp_make_app", "app=cliapp_make_app", id="make-app-factory"),
    ],
)
def test_app_option_finds_the_application_in_a_module(runner, flask_group, module, expected):
    """``--app module`` loads the ``app`` or ``application`` attribute, the only Flask instance, or calls ``create_app``/``make_app`` (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "--app", module) == expected


def test_short_app_option(runner, flask_group):
    """``-A`` is the short form of ``--app`` (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "-A", "cliapp_application") == "app=cliapp_application"


def test_app_option_with_attribute_name(runner, flask_group):
    """``--app module:name`` loads the named attribute when a module holds several applications (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "--app", "cliapp_multiple:second") == "app=cliapp_second"


def test_import_path_calls_factory_with_positional_arguments(target):
    """An import path ``module:create_app('x')`` calls the factory with the literal arguments given (Flask docs: Application Discovery)."""
    app = target.cli.ScriptInfo(app_import_path="cliapp_factory_args:create_app('prod')").load_app()

    assert app.config["CONFIG_NAME"] == "prod"


def test_app_option_calls_factory_with_keyword_arguments(target, runner):
    """Keyword arguments in ``--app 'module:create_app(a, key=value)'`` reach the factory (Flask docs: Application Discovery)."""
    result = runner.invoke(
        target.cli.cli, ["--app", "cliapp_factory:create_app('a', suffix='b')", "which"]
    )

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "factory ab"


def test_app_option_calls_named_factory_without_arguments(runner, flask_group):
    """``--app module:create_app()`` calls the factory with no arguments (Flask docs: Application Discovery)."""
    assert (
        _loaded(runner, flask_group, "--app", "cliapp_make_app:make_app()") == "app=cliapp_make_app"
    )


def test_app_option_accepts_a_file_path(runner, flask_group):
    """``--app path/to/module.py`` imports the file as a module, inside its package when there is one (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "--app", "cliapp_pkg/inner.py") == "app=cliapp_pkg.inner"


def test_app_option_accepts_a_dotted_package_module(runner, flask_group):
    """``--app package.module`` imports a submodule by its dotted name (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "--app", "cliapp_pkg.inner") == "app=cliapp_pkg.inner"


def test_app_option_accepts_a_package(runner, flask_group):
    """``--app package`` finds the application in the package's ``__init__`` (Flask docs: Application Discovery)."""
    assert _loaded(runner, flask_group, "--app", "cliapp_pkg") == "app=cliapp_pkg"


def test_flask_app_environment_variable(runner, flask_group, monkeypatch):
    """The ``FLASK_APP`` environment variable names the application when ``--app`` is not given (Flask docs: Application Discovery)."""
    monkeypatch.setenv("FLASK_APP", "cliapp_single")

    assert _loaded(runner, flask_group) == "app=cliapp_single"


def test_app_option_wins_over_flask_app_variable(runner, flask_group, monkeypatch):
    """``--app`` takes precedence over the ``FLASK_APP`` environment variable (Flask docs: Application Discovery)."""
    monkeypatch.setenv("FLASK_APP", "cliapp_single")

    assert _loaded(runner, flask_group, "--app", "cliapp_application") == "app=cliapp_application"


def test_app_py_in_current_directory(runner, flask_group, monkeypatch, cli_apps):
    """Without ``--app`` or ``FLASK_APP``, an ``app.py`` in the current directory is loaded (Flask docs: Application Discovery)."""
    monkeypatch.chdir(cli_apps / "cwd_app")

    assert _loaded(runner, flask_group) == "app=cliapp_cwd_app"


def test_wsgi_py_preferred_over_app_py(runner, flask_group, monkeypatch, cli_apps):
    """Without ``--app``, a ``wsgi.py`` in the current directory is preferred over an ``app.py`` (Flask docs: Application Discovery)."""
    monkeypatch.chdir(cli_apps / "cwd_wsgi")

    assert _loaded(runner, flask_group) == "app=cliapp_cwd_wsgi"


def test_app_run_at_import_is_ignored_by_the_cli(target, runner):
    """A module calling ``app.run()`` at import time does not start a server when loaded by the ``flask`` command (Flask API: Flask.run)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_runs_on_import", "routes"])

    assert result.exit_code == 0, result.output
    assert "index" in result.output


def test_app_help_lists_commands_of_the_loaded_app(target, runner):
    """``flask --app module --help`` lists the application's own commands beside the built-in ones (Flask docs: Custom Commands)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "--help"])

    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1].split()
    for name in ("hello", "routes", "run", "shell"):
        assert name in commands
