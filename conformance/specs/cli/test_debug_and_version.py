"""``--debug``, ``FLASK_DEBUG``, ``--version`` and the ``main`` entry point."""

import pytest


def _debug_state(target, runner, *args, env=None):
    result = runner.invoke(target.cli.cli, [*args, "--app", "cliapp_debug", "debug-state"], env=env)
    assert result.exit_code == 0, result.output
    return result.output.split()[0]


def test_debug_option_enables_debug(target, runner):
    """``flask --debug`` loads the application with ``debug`` on (Flask docs: Debug Mode)."""
    assert _debug_state(target, runner, "--debug") == "debug=True"


def test_no_debug_option_disables_debug(target, runner):
    """``flask --no-debug`` loads the application with ``debug`` off (Flask docs: Debug Mode)."""
    assert _debug_state(target, runner, "--no-debug") == "debug=False"


def test_debug_is_off_by_default(target, runner):
    """Without a debug option or ``FLASK_DEBUG``, the application is loaded with ``debug`` off (Flask docs: Debug Mode)."""
    assert _debug_state(target, runner) == "debug=False"


def test_flask_debug_environment_variable(target, runner, monkeypatch):
    """``FLASK_DEBUG=1`` in the environment loads the application with ``debug`` on (Flask docs: Debug Mode)."""
    monkeypatch.setenv("FLASK_DEBUG", "1")

    assert _debug_state(target, runner) == "debug=True"


def test_no_debug_option_wins_over_environment(target, runner, monkeypatch):
    """``--no-debug`` overrides ``FLASK_DEBUG=1`` from the environment (Flask docs: Debug Mode)."""
    monkeypatch.setenv("FLASK_DEBUG", "1")

    assert _debug_state(target, runner, "--no-debug") == "debug=False"


def test_debug_option_sets_flask_debug_for_factories(target, runner):
    """``--debug`` sets ``FLASK_DEBUG`` in the environment so code run while loading the app can read it (Flask docs: Debug Mode)."""
    result = runner.invoke(target.cli.cli, ["--debug", "--app", "cliapp_debug", "debug-state"])

    assert result.output.split()[1] == "env=1"


def test_set_debug_flag_false_keeps_app_debug(target, runner):
    """``FlaskGroup(set_debug_flag=False)`` leaves the application's ``debug`` as the app set it (Flask API: cli.FlaskGroup)."""
    app = target.Flask("conformance_keep_debug")
    app.debug = True

    @app.cli.command("state")
    def state():
        print(f"debug={target.current_app.debug}")

    group = target.cli.FlaskGroup(create_app=lambda: app, set_debug_flag=False)

    assert runner.invoke(group, ["--no-debug", "state"]).output == "debug=True\n"


def test_version_option_reports_python_flask_and_werkzeug(target, runner):
    """``flask --version`` prints the Python, Flask and Werkzeug versions on three lines (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--version"])

    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["Python", "Flask", "Werkzeug"]
    assert all(line.split()[1][0].isdigit() for line in lines)


def test_version_option_needs_no_app(target, runner):
    """``flask --version`` works without any application to load (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_does_not_exist", "--version"])

    assert result.exit_code == 0
    assert "Error" not in result.output


def test_main_runs_the_flask_command(target, monkeypatch, capsys):
    """``cli.main`` runs the ``flask`` command with the process arguments and exits with its status (Flask API: cli.main)."""
    import sys

    monkeypatch.setattr(sys, "argv", ["flask", "--app", "cliapp_app", "hello", "--name", "main"])

    with pytest.raises(SystemExit) as exit_info:
        target.cli.main()

    assert exit_info.value.code == 0
    assert capsys.readouterr().out == "hello main from cliapp_app\n"


def test_version_option_is_handled_before_help(target, runner):
    """``flask --version --help`` prints the version lines, not the help, since ``--version`` is handled as soon as it is read (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--version", "--help"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["Python", "Flask", "Werkzeug"]
