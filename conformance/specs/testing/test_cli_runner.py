"""``app.test_cli_runner()`` and ``FlaskCliRunner.invoke``."""

import os

import click


def _hello_command(app, target):
    @app.cli.command("hello")
    @click.argument("name", default="world")
    @click.option("--shout", is_flag=True)
    def hello(name, shout):
        text = f"hello {name} from {target.current_app.name}"
        click.echo(text.upper() if shout else text)

    return hello


def test_cli_runner_invokes_a_custom_command_by_name(target, app):
    """``app.test_cli_runner().invoke(args=[...])`` runs a command registered with ``@app.cli.command`` and captures its output (Flask docs: Testing CLI Commands)."""
    _hello_command(app, target)

    result = app.test_cli_runner().invoke(args=["hello", "bob"])

    assert result.exit_code == 0
    assert result.output == "hello bob from conformance_app\n"


def test_cli_runner_invokes_a_command_object(target, app):
    """``invoke`` also accepts the command object itself with its arguments (Flask docs: Testing CLI Commands)."""
    hello = _hello_command(app, target)

    result = app.test_cli_runner().invoke(hello, ["ann", "--shout"])

    assert result.exit_code == 0
    assert result.output == "HELLO ANN FROM CONFORMANCE_APP\n"


def test_cli_runner_default_obj_loads_the_app(target, app):
    """Without ``obj``, ``invoke`` passes a ``ScriptInfo`` whose ``load_app()`` returns the app under test (Flask API: FlaskCliRunner.invoke)."""

    @click.command()
    @click.pass_obj
    def inspect(obj):
        click.echo(type(obj).__name__)
        click.echo(obj.load_app() is app)

    result = app.test_cli_runner().invoke(inspect)

    assert result.output == "ScriptInfo\nTrue\n"


def test_cli_runner_explicit_obj_is_passed(target, app):
    """An ``obj`` given to ``invoke`` reaches the command instead of the default ``ScriptInfo`` (Flask API: FlaskCliRunner.invoke)."""

    @click.command()
    @click.pass_obj
    def inspect(obj):
        click.echo(repr(obj))

    result = app.test_cli_runner().invoke(inspect, obj={"mine": 1})

    assert result.output == "{'mine': 1}\n"


def test_cli_runner_reports_command_errors(target, app):
    """An exception raised by a command is caught into the result with a non-zero ``exit_code`` (Flask docs: Testing CLI Commands)."""

    @app.cli.command("boom")
    def boom():
        raise ValueError("exploded")

    result = app.test_cli_runner().invoke(args=["boom"])

    assert result.exit_code == 1
    assert isinstance(result.exception, ValueError)


def test_cli_runner_unknown_command_is_a_usage_error(target, app):
    """Invoking a command name the app does not define exits with status 2 and names the command (Flask docs: Testing CLI Commands)."""
    result = app.test_cli_runner().invoke(args=["no-such-command"])

    assert result.exit_code == 2
    assert "no-such-command" in result.output


def test_cli_runner_app_attribute_and_class(target, app):
    """``app.test_cli_runner()`` returns an instance of ``app.test_cli_runner_class``, a ``FlaskCliRunner`` by default, holding the app (Flask API: Flask.test_cli_runner)."""
    runner = app.test_cli_runner()

    class CustomRunner(target.testing.FlaskCliRunner):
        pass

    app.test_cli_runner_class = CustomRunner

    assert type(runner) is target.testing.FlaskCliRunner
    assert runner.app is app
    assert type(app.test_cli_runner()) is CustomRunner


def test_cli_runner_passes_keyword_arguments(target, app):
    """Keyword arguments of ``test_cli_runner`` configure the runner, such as its ``env`` (Flask API: Flask.test_cli_runner)."""

    @app.cli.command("env")
    def show_env():
        click.echo(os.environ.get("CONFORMANCE_RUNNER_VAR", "unset"))

    result = app.test_cli_runner(env={"CONFORMANCE_RUNNER_VAR": "set"}).invoke(args=["env"])

    assert result.output == "set\n"
