"""Custom commands: ``app.cli``, ``AppGroup``, ``FlaskGroup``, ``with_appcontext`` and blueprint groups."""

import click


def test_app_cli_command_runs_with_app_context(target, app):
    """A command registered with ``@app.cli.command`` runs with the application context pushed (Flask docs: Custom Commands)."""

    @app.cli.command("name")
    def name():
        click.echo(target.current_app.name)

    result = app.test_cli_runner().invoke(args=["name"])

    assert result.exit_code == 0
    assert result.output == "conformance_app\n"


def test_app_cli_command_receives_arguments_and_options(app):
    """Click arguments and options of an ``app.cli`` command are parsed from the command line (Flask docs: Custom Commands)."""

    @app.cli.command("create-user")
    @click.argument("name")
    @click.option("--admin", is_flag=True)
    def create_user(name, admin):
        click.echo(f"{name} admin={admin}")

    result = app.test_cli_runner().invoke(args=["create-user", "ann", "--admin"])

    assert result.output == "ann admin=True\n"


def test_command_name_defaults_to_function_name(app):
    """An ``app.cli`` command without a name is named after its function, underscores becoming dashes (Flask docs: Custom Commands)."""

    @app.cli.command()
    def init_db():
        click.echo("initialised")

    assert app.test_cli_runner().invoke(args=["init-db"]).output == "initialised\n"


def test_test_cli_runner_invokes_command_objects(app):
    """``FlaskCliRunner.invoke`` accepts a command object as well as its name (Flask API: FlaskCliRunner.invoke)."""

    @app.cli.command("ping")
    def ping():
        click.echo("pong")

    result = app.test_cli_runner().invoke(ping)

    assert result.output == "pong\n"


def test_command_option_callback_has_app_context(target, app):
    """Through the ``flask`` command, option callbacks of ``app.cli`` commands already run with the application context (Flask docs: Custom Commands)."""
    seen = []

    def remember(ctx, param, value):
        seen.append(target.current_app.name)
        return value

    @app.cli.command("opt")
    @click.option("--x", callback=remember, default="1")
    def opt(x):
        click.echo(x)

    group = target.cli.FlaskGroup(create_app=lambda: app)
    result = click.testing.CliRunner().invoke(group, ["opt", "--x", "2"])

    assert result.output == "2\n"
    assert seen == ["conformance_app"]


def test_app_group_wraps_commands_with_app_context(target, app):
    """Commands of an ``AppGroup`` run inside the application context by default (Flask API: cli.AppGroup)."""
    group = target.cli.AppGroup("user")

    @group.command("show")
    def show():
        click.echo(f"context={target.has_app_context()} app={target.current_app.name}")

    app.cli.add_command(group)
    result = app.test_cli_runner().invoke(args=["user", "show"])

    assert result.output == "context=True app=conformance_app\n"


def test_app_group_command_without_app_context(target):
    """``AppGroup.command(with_appcontext=False)`` leaves the callback without an application context (Flask API: cli.AppGroup.command)."""
    group = target.cli.AppGroup("tools")

    @group.command("bare", with_appcontext=False)
    def bare():
        click.echo(f"context={target.has_app_context()}")

    result = click.testing.CliRunner().invoke(group, ["bare"])

    assert result.output == "context=False\n"


def test_app_group_subgroups_are_app_groups(target, app):
    """``AppGroup.group`` creates nested groups that are ``AppGroup`` too, so their commands get the app context (Flask API: cli.AppGroup.group)."""

    @app.cli.group("db")
    def db():
        pass

    @db.command("migrate")
    def migrate():
        click.echo(target.current_app.name)

    assert isinstance(db, target.cli.AppGroup)
    assert app.test_cli_runner().invoke(args=["db", "migrate"]).output == "conformance_app\n"


def test_with_appcontext_loads_the_script_info_app(target, app):
    """``with_appcontext`` loads the application from the ``ScriptInfo`` and pushes its context for a plain Click command (Flask API: cli.with_appcontext)."""

    @click.command()
    @target.cli.with_appcontext
    def report():
        click.echo(target.current_app.name)

    info = target.cli.ScriptInfo(create_app=lambda: app)
    result = click.testing.CliRunner().invoke(report, obj=info)

    assert result.output == "conformance_app\n"
    assert not target.has_app_context()


def test_pass_script_info_passes_the_script_info(target, app):
    """``pass_script_info`` gives the command the ``ScriptInfo`` object, whose ``load_app`` returns the app (Flask API: cli.pass_script_info)."""
    seen = []

    @click.command()
    @target.cli.pass_script_info
    def report(info):
        seen.append(info.load_app())

    info = target.cli.ScriptInfo(create_app=lambda: app)
    click.testing.CliRunner().invoke(report, obj=info)

    assert seen == [app]


def test_pass_script_info_creates_one_when_the_context_has_none(target):
    """``pass_script_info`` on a plain Click command run without any ``obj`` creates a fresh ``ScriptInfo`` and passes it (Flask API: cli.pass_script_info)."""
    seen = []

    @click.command()
    @target.cli.pass_script_info
    def report(info):
        seen.append(info)

    result = click.testing.CliRunner().invoke(report, [])

    assert result.exit_code == 0, result.output
    (info,) = seen
    assert isinstance(info, target.cli.ScriptInfo)
    assert info.app_import_path is None


def test_flask_group_with_create_app(target):
    """A ``FlaskGroup`` given ``create_app`` loads its application from that callable (Flask docs: Custom Scripts)."""
    made = target.Flask("conformance_custom_script")

    @made.cli.command("hi")
    def hi():
        click.echo(f"hi from {target.current_app.name}")

    group = target.cli.FlaskGroup(create_app=lambda: made)
    result = click.testing.CliRunner().invoke(group, ["hi"])

    assert result.output == "hi from conformance_custom_script\n"


def test_flask_group_without_default_commands(target):
    """``FlaskGroup(add_default_commands=False)`` has no ``run``, ``shell`` or ``routes`` command (Flask API: cli.FlaskGroup)."""
    group = target.cli.FlaskGroup(
        add_default_commands=False, create_app=lambda: target.Flask("conformance_bare")
    )
    result = click.testing.CliRunner().invoke(group, ["--help"])

    listed = result.output.split("Commands:")[1].split() if "Commands:" in result.output else []
    assert not {"run", "shell", "routes"} & set(listed)
    assert click.testing.CliRunner().invoke(group, ["routes"]).exit_code == 2


def test_flask_group_without_version_option(target):
    """``FlaskGroup(add_version_option=False)`` has no ``--version`` option (Flask API: cli.FlaskGroup)."""
    group = target.cli.FlaskGroup(add_version_option=False, create_app=lambda: target.Flask("x"))

    result = click.testing.CliRunner().invoke(group, ["--version"])

    assert result.exit_code == 2
    assert "No such option" in result.output


def test_flask_group_custom_callback_keeps_app_option(target):
    """A ``FlaskGroup`` used as a decorator keeps ``--app`` handling while running its own callback (Flask docs: Custom Scripts)."""
    calls = []

    @click.group(cls=target.cli.FlaskGroup)
    def manage():
        calls.append("group callback")

    @manage.command("which-app")
    def which_app():
        click.echo(target.current_app.name)

    result = click.testing.CliRunner().invoke(manage, ["--app", "cliapp_single", "which-app"])

    assert result.output == "cliapp_single\n"
    assert calls == ["group callback"]


def test_blueprint_commands_grouped_under_blueprint_name(target, app):
    """Commands registered on ``blueprint.cli`` appear under a group named after the blueprint (Flask docs: Registering Commands with Blueprints)."""
    bp = target.Blueprint("students", __name__)

    @bp.cli.command("create")
    @click.argument("name")
    def create(name):
        click.echo(f"created {name} in {target.current_app.name}")

    app.register_blueprint(bp)
    result = app.test_cli_runner().invoke(args=["students", "create", "ann"])

    assert result.output == "created ann in conformance_app\n"


def test_blueprint_custom_cli_group_name(target, app):
    """``Blueprint(cli_group="name")`` puts the blueprint's commands under that group name instead (Flask docs: Registering Commands with Blueprints)."""
    bp = target.Blueprint("students", __name__, cli_group="people")

    @bp.cli.command("list")
    def list_():
        click.echo("listing")

    app.register_blueprint(bp)
    runner = app.test_cli_runner()

    assert runner.invoke(args=["people", "list"]).output == "listing\n"
    assert runner.invoke(args=["students", "list"]).exit_code == 2


def test_blueprint_cli_group_none_merges_commands(target, app):
    """``Blueprint(cli_group=None)`` adds the blueprint's commands directly to the application's command group (Flask docs: Registering Commands with Blueprints)."""
    bp = target.Blueprint("students", __name__, cli_group=None)

    @bp.cli.command("enroll")
    def enroll():
        click.echo("enrolled")

    app.register_blueprint(bp)

    assert app.test_cli_runner().invoke(args=["enroll"]).output == "enrolled\n"


def test_blueprint_registration_cli_group_override(target, app):
    """The ``cli_group`` option of ``register_blueprint`` overrides the blueprint's group name (Flask docs: Registering Commands with Blueprints)."""
    bp = target.Blueprint("students", __name__)

    @bp.cli.command("count")
    def count():
        click.echo("3")

    app.register_blueprint(bp, cli_group="pupils")

    assert app.test_cli_runner().invoke(args=["pupils", "count"]).output == "3\n"


def test_blueprint_commands_reach_the_flask_command(target, runner, flask_group):
    """Commands of the loaded application, blueprint groups included, are reachable from the ``flask`` command (Flask docs: Custom Commands)."""
    result = runner.invoke(flask_group, ["--app", "cliapp_app", "hello", "--name", "bo"])

    assert result.output == "hello bo from cliapp_app\n"
