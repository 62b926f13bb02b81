"""The ``flask`` group's own settings: ``--help`` with an app named in the
environment, ``set_debug_flag``, ``context_settings``, plugin commands, and the
``routes --sort domain`` order."""

import importlib.metadata
import os
import sys

import click
import pytest


@pytest.fixture
def empty_dir(tmp_path, monkeypatch):
    """An empty working directory; the variable used here starts unset."""
    monkeypatch.setenv("CLIGROUP_VALUE", "placeholder")
    monkeypatch.delenv("CLIGROUP_VALUE")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_help_alone_lists_the_commands_of_the_app_named_in_flask_app(target, runner, monkeypatch):
    """``flask --help`` with the application named only in ``FLASK_APP`` loads it and lists its custom commands (Flask docs: Custom Commands)."""
    monkeypatch.setenv("FLASK_APP", "cliapp_app")

    result = runner.invoke(target.cli.cli, ["--help"])

    assert result.exit_code == 0, result.output
    assert "hello" in [line.split()[0] for line in result.output.splitlines() if line.strip()]


def test_flask_group_sets_debug_from_the_debug_option_by_default(target, runner):
    """A ``FlaskGroup`` built without ``set_debug_flag`` sets the loaded application's ``debug`` from ``--no-debug``, over what the app set (Flask API: cli.FlaskGroup)."""
    app = target.Flask("conformance_set_debug")
    app.debug = True

    @app.cli.command("state")
    def state():
        click.echo(f"debug={target.current_app.debug}")

    group = target.cli.FlaskGroup(create_app=lambda: app)

    result = runner.invoke(group, ["--no-debug", "state"])

    assert result.exit_code == 0, result.output
    assert result.output == "debug=False\n"


def test_flask_group_keeps_the_context_settings_it_is_given(target, runner):
    """``FlaskGroup(context_settings=...)`` keeps the given settings, such as extra help option names (Flask API: cli.FlaskGroup)."""
    group = target.cli.FlaskGroup(
        name="custom", context_settings={"help_option_names": ["-h", "--help"]}
    )

    result = runner.invoke(group, ["-h"])

    assert result.exit_code == 0, result.output
    assert "Usage: custom [OPTIONS] COMMAND [ARGS]..." in result.output


def test_flask_group_adds_commands_from_the_flask_commands_entry_points(
    target, runner, monkeypatch
):
    """A ``FlaskGroup`` offers the commands installed packages register in the ``flask.commands`` entry point group (Flask docs: Plugins)."""

    @click.command("plugged")
    def plugged():
        click.echo("from a plugin")

    class PluginEntryPoint:
        name = "plugged"

        def load(self):
            return plugged

    every_entry_point = importlib.metadata.entry_points

    def entry_points(**selection):
        if selection.get("group") == "flask.commands":
            return [PluginEntryPoint()]
        return every_entry_point(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)

    result = runner.invoke(target.cli.FlaskGroup(name="custom"), ["plugged"])

    assert result.exit_code == 0, result.output
    assert result.output == "from a plugin\n"


def _plugin_entry_points(monkeypatch, loads):
    """Offer one ``flask.commands`` entry point, ``plugged``, counting its loads."""

    @click.command("plugged")
    def plugged():
        click.echo("from a plugin")

    class PluginEntryPoint:
        name = "plugged"

        def load(self):
            loads.append("plugged")
            return plugged

    every_entry_point = importlib.metadata.entry_points

    def entry_points(**selection):
        if selection.get("group") == "flask.commands":
            return [PluginEntryPoint()]
        return every_entry_point(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


def test_flask_group_help_lists_the_plugin_commands(target, runner, monkeypatch):
    """``--help`` of a ``FlaskGroup`` lists the commands of the ``flask.commands`` entry points (Flask docs: Plugins)."""
    _plugin_entry_points(monkeypatch, [])

    result = runner.invoke(target.cli.FlaskGroup(name="custom"), ["--help"])

    assert result.exit_code == 0, result.output
    assert "plugged" in [line.split()[0] for line in result.output.splitlines() if line.strip()]


def test_flask_group_loads_the_plugin_entry_points_once(target, runner, monkeypatch):
    """A ``FlaskGroup`` loads each ``flask.commands`` entry point once, however many times its commands are listed or run (Flask docs: Plugins)."""
    loads = []
    _plugin_entry_points(monkeypatch, loads)
    group = target.cli.FlaskGroup(name="custom")

    runner.invoke(group, ["--help"])
    runner.invoke(group, ["plugged"])
    result = runner.invoke(group, ["plugged"])

    assert result.output == "from a plugin\n"
    assert loads == ["plugged"]


def test_command_run_inside_the_apps_context_keeps_that_context(target, runner):
    """A ``FlaskGroup`` command run while the loaded app's context is already pushed uses that context rather than pushing another, so it sees the same ``g`` (Flask API: cli.FlaskGroup)."""
    app = target.Flask("conformance_cli_same_context")

    @app.cli.command("read-g")
    def read_g():
        click.echo(f"x={target.g.get('x')}")

    group = target.cli.FlaskGroup(create_app=lambda: app)
    with app.app_context():
        target.g.x = "outer"
        result = runner.invoke(group, ["read-g"])

    assert result.exit_code == 0, result.output
    assert result.output == "x=outer\n"


def test_server_banner_is_silent_in_the_reloader_child(target, runner, monkeypatch):
    """``show_server_banner`` prints nothing in the reloader's child process (``WERKZEUG_RUN_MAIN=true``), the banner having been shown once already (Flask API: cli.show_server_banner)."""
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")
    banner = click.Command("banner", callback=lambda: target.cli.show_server_banner(True, "x"))

    result = runner.invoke(banner, [])

    assert (result.exit_code, result.output) == (0, "")


def test_routes_sort_domain_orders_rows_by_subdomain(target, app):
    """``flask routes --sort domain`` orders the rows by subdomain (Flask docs: Command Line Interface)."""
    app.config["SERVER_NAME"] = "example.test"
    app.url_map.default_subdomain = ""

    @app.route("/", subdomain="zeta")
    def alpha():
        return ""

    @app.route("/", subdomain="eta")
    def beta():
        return ""

    result = app.test_cli_runner().invoke(target.cli.cli, ["routes", "--sort", "domain"])

    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[2:]
    assert [row.split()[0] for row in rows] == ["static", "beta", "alpha"]


def test_the_flask_command_group_is_named_flask(target, runner):
    """The ``flask`` command's group is named ``flask``, the name its usage line shows (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--help"])

    assert result.exit_code == 0, result.output
    assert "Usage: flask [OPTIONS] COMMAND [ARGS]..." in result.output.splitlines()


def test_missing_dotenv_library_tip_also_counts_a_flaskenv_file(
    target, tmp_path, monkeypatch, capsys
):
    """Without python-dotenv, ``load_dotenv`` prints its tip when only a ``.flaskenv`` file is present (Flask API: cli.load_dotenv)."""
    monkeypatch.setitem(sys.modules, "dotenv", None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".flaskenv").write_text("CLIGROUP_FLASKENV=1\n", encoding="utf-8")

    assert target.cli.load_dotenv() is False
    assert "python-dotenv" in capsys.readouterr().err


def test_flask_skip_dotenv_set_to_zero_still_loads_dotenv_files(
    target, runner, empty_dir, monkeypatch
):
    """``FLASK_SKIP_DOTENV=0`` (like ``false`` or ``no``) does not skip the dotenv files (Flask docs: Environment Variables From dotenv)."""
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "0")
    (empty_dir / ".env").write_text("CLIGROUP_VALUE=loaded\n", encoding="utf-8")
    group = target.cli.FlaskGroup(name="custom")

    @group.command("show", with_appcontext=False)
    def show():
        click.echo(os.environ.get("CLIGROUP_VALUE"))

    result = runner.invoke(group, ["show"])

    assert result.exit_code == 0, result.output
    assert result.output == "loaded\n"
