"""What a ``FlaskGroup`` does without being asked: factories named bare, dotenv files,
``--version``, and the warning for ``app.run()`` under the ``flask`` command."""

import os

import click
import pytest


@pytest.fixture
def empty_dir(tmp_path, monkeypatch):
    """An empty working directory; the variable used here starts unset."""
    monkeypatch.setenv("CLIGROUP_VALUE", "placeholder")
    monkeypatch.delenv("CLIGROUP_VALUE")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_app_option_calls_a_factory_named_without_parentheses(runner, flask_group):
    """``--app module:make_app`` naming a factory function without parentheses calls it with no arguments (Flask docs: Application Discovery)."""
    result = runner.invoke(flask_group, ["--app", "cliapp_make_app:make_app", "which-app"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "app=cliapp_make_app"


def test_flask_group_loads_dotenv_files_by_default(target, runner, empty_dir):
    """A ``FlaskGroup`` built without arguments loads the ``.env`` file of the working directory before running a command (Flask API: cli.FlaskGroup)."""
    (empty_dir / ".env").write_text("CLIGROUP_VALUE=from-dotenv\n", encoding="utf-8")
    group = target.cli.FlaskGroup(name="custom")

    @group.command("show", with_appcontext=False)
    def show():
        click.echo(os.environ.get("CLIGROUP_VALUE"))

    result = runner.invoke(group, ["show"])

    assert result.exit_code == 0, result.output
    assert result.output == "from-dotenv\n"


def test_flask_group_has_a_version_option_by_default(target, runner, empty_dir):
    """A ``FlaskGroup`` built without arguments has a ``--version`` option printing the Python, Flask and Werkzeug versions (Flask API: cli.FlaskGroup)."""
    result = runner.invoke(target.cli.FlaskGroup(name="custom"), ["--version"])

    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()] == [
        "Python",
        "Flask",
        "Werkzeug",
    ]


def test_app_run_under_the_cli_prints_why_it_is_ignored(target, runner):
    """``app.run()`` called while the ``flask`` command loads the app prints, before the command's output, that the call is ignored and belongs under an ``if __name__ == "__main__"`` guard (Flask API: Flask.run)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_runs_on_import", "routes"])

    assert result.exit_code == 0, result.output
    warning, table = result.output.split("Endpoint", 1)
    assert warning.startswith(" * ")
    assert "'app.run()'" in warning
    assert 'if __name__ == "__main__"' in warning
    assert "index" in table
