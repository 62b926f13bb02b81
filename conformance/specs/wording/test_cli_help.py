"""Flask's help texts for the ``flask`` command, its options and its built-in commands, word for word.

Option help is read as Click renders each option's line (``get_help_record``),
so the specs do not depend on the terminal width; the group's help is also
read from the rendered ``flask --help``, at a fixed width of 80 columns.
"""

import inspect
import os

import click
import pytest
from click.testing import CliRunner

from conformance.specs.cli.conftest import cli_apps  # noqa: F401 (autouse: the apps of fixtures/apps/cli)

pytestmark = pytest.mark.requires("cli")


@pytest.fixture
def runner() -> CliRunner:
    """A Click test runner; standard output and standard error are kept apart."""
    return CliRunner()


GROUP_HELP = (
    "A general utility script for Flask applications.\n"
    "\n"
    "An application to load must be given with the '--app' option,\n"
    "'FLASK_APP' environment variable, or with a 'wsgi.py' or 'app.py' file\n"
    "in the current directory.\n"
)
ENV_FILE_HELP = (
    "Load environment variables from this file, taking precedence over those set by"
    " '.env' and '.flaskenv'. Variables set directly in the environment take highest"
    " precedence. python-dotenv must be installed."
)
APP_HELP = (
    "The Flask application or factory function to load, in the form 'module:name'."
    " Module can be a dotted import or file path. Name is not required if it is 'app',"
    " 'application', 'create_app', or 'make_app', and can be 'name(args)' to pass"
    " arguments."
)


def _help_records(command: click.Command) -> list[tuple[str, str] | None]:
    """Each parameter's line of ``--help``: the option names with metavar, and its help."""
    context = click.Context(command, info_name=command.name)
    return [parameter.get_help_record(context) for parameter in command.params]


def test_flask_command_help_text(target):
    """The ``flask`` command's help text is Flask's paragraph on giving the application with ``--app``, ``FLASK_APP``, ``wsgi.py`` or ``app.py`` (Flask API: cli.FlaskGroup)."""
    assert target.cli.cli.name == "flask"
    assert target.cli.cli.help == GROUP_HELP


def test_flask_help_output_before_the_commands(target, runner):
    """``flask --help`` prints the usage line, the group's help and its options' help, wrapped at 80 columns, before the command list (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--help"], terminal_width=80)

    assert result.exit_code == 0
    assert result.stdout.split("Commands:\n")[0] == (
        "Usage: flask [OPTIONS] COMMAND [ARGS]...\n"
        "\n"
        "  A general utility script for Flask applications.\n"
        "\n"
        "  An application to load must be given with the '--app' option, 'FLASK_APP'\n"
        "  environment variable, or with a 'wsgi.py' or 'app.py' file in the current\n"
        "  directory.\n"
        "\n"
        "Options:\n"
        "  -e, --env-file FILE   Load environment variables from this file, taking\n"
        "                        precedence over those set by '.env' and '.flaskenv'.\n"
        "                        Variables set directly in the environment take highest\n"
        "                        precedence. python-dotenv must be installed.\n"
        "  -A, --app IMPORT      The Flask application or factory function to load, in\n"
        "                        the form 'module:name'. Module can be a dotted import or\n"
        "                        file path. Name is not required if it is 'app',\n"
        "                        'application', 'create_app', or 'make_app', and can be\n"
        "                        'name(args)' to pass arguments.\n"
        "  --debug / --no-debug  Set debug mode.\n"
        "  --version             Show the Flask version.\n"
        "  --help                Show this message and exit.\n"
        "\n"
    )


def test_flask_group_option_help_texts(target):
    """A ``FlaskGroup`` has the ``--env-file``, ``--app``, ``--debug`` and ``--version`` options with Flask's help texts and metavars (Flask API: cli.FlaskGroup)."""
    group = target.cli.FlaskGroup(name="flask")

    assert _help_records(group) == [
        ("-e, --env-file FILE", ENV_FILE_HELP),
        ("-A, --app IMPORT", APP_HELP),
        ("--debug / --no-debug", "Set debug mode."),
        ("--version", "Show the Flask version."),
    ]


def test_builtin_commands_short_help(target):
    """The built-in ``run``, ``shell`` and ``routes`` commands are listed with Flask's one-line summaries (Flask docs: Command Line Interface)."""
    group = target.cli.FlaskGroup(name="flask")

    summaries = {
        name: command.get_short_help_str(limit=80) for name, command in group.commands.items()
    }

    assert summaries == {
        "run": "Run a development server.",
        "shell": "Run a shell in the app context.",
        "routes": "Show the routes for the app.",
    }


def test_run_command_help_text(target):
    """``flask run --help`` describes the command as a local development server unfit for production, with the reloader and debugger enabled by ``--debug`` (Flask API: cli.run_command)."""
    assert inspect.cleandoc(target.cli.run_command.help) == (
        "Run a local development server.\n"
        "\n"
        "This server is for development purposes only. It does not provide\n"
        "the stability, security, or performance of production WSGI servers.\n"
        "\n"
        "The reloader and debugger are enabled by default with the '--debug'\n"
        "option."
    )


def test_run_command_option_help_texts(target):
    """``flask run``'s options, from ``--debug`` to ``--exclude-patterns``, carry Flask's help texts and metavars, the path separator named in the last two (Flask API: cli.run_command)."""
    assert _help_records(target.cli.run_command) == [
        ("--debug / --no-debug", "Set debug mode."),
        ("-h, --host TEXT", "The interface to bind to."),
        ("-p, --port INTEGER", "The port to bind to."),
        ("--cert PATH", "Specify a certificate file to use HTTPS."),
        ("--key FILE", "The key file to use when specifying a certificate."),
        (
            "--reload / --no-reload",
            "Enable or disable the reloader. By default the reloader is active if debug"
            " is enabled.",
        ),
        (
            "--debugger / --no-debugger",
            "Enable or disable the debugger. By default the debugger is active if debug"
            " is enabled.",
        ),
        ("--with-threads / --without-threads", "Enable or disable multithreading."),
        (
            "--extra-files PATH",
            "Extra files that trigger a reload on change. Multiple paths are separated"
            f" by {os.pathsep!r}.",
        ),
        (
            "--exclude-patterns PATH",
            "Files matching these fnmatch patterns will not trigger a reload on change."
            f" Multiple patterns are separated by {os.pathsep!r}.",
        ),
    ]


def test_shell_command_help_text(target):
    """``flask shell --help`` describes an interactive Python shell in the application's context for small management snippets (Flask API: cli.shell_command)."""
    assert target.cli.shell_command.params == []
    assert inspect.cleandoc(target.cli.shell_command.help) == (
        "Run an interactive Python shell in the context of a given\n"
        "Flask application.  The application will populate the default\n"
        "namespace of this shell according to its configuration.\n"
        "\n"
        "This is useful for executing small snippets of management code\n"
        "without having to manually configure the application."
    )


def test_routes_command_help_texts(target):
    """``flask routes --help`` gives Flask's description and the help of ``--sort`` (with its five choices) and ``--all-methods`` (Flask API: cli.routes_command)."""
    command = target.cli.routes_command

    assert (
        inspect.cleandoc(command.help) == "Show all registered routes with endpoints and methods."
    )
    assert _help_records(command) == [
        (
            "-s, --sort [endpoint|methods|domain|rule|match]",
            "Method to sort routes by. 'match' is the order that Flask will match routes"
            " when dispatching a request.",
        ),
        ("--all-methods", "Show HEAD and OPTIONS methods."),
    ]
