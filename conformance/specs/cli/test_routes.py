"""The ``flask routes`` command: columns, sorting and methods."""

import click.testing
import pytest


def _invoke_for(target, app, *args):
    group = target.cli.FlaskGroup(create_app=lambda: app)
    return click.testing.CliRunner().invoke(group, list(args))


def _endpoints(output):
    return [line.split()[0] for line in output.splitlines()[2:]]


def _routes(target, runner, *args):
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_routes", "routes", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_routes_lists_endpoint_methods_and_rule(target, runner):
    """``flask routes`` prints a table of endpoint, methods and rule under a header and dashes, hiding HEAD and OPTIONS (Flask docs: Command Line Interface)."""
    output = _routes(target, runner)

    rows = {line.split()[0]: line.split(None, 1)[1] for line in output.splitlines()[2:]}
    assert rows["mango"].split() == ["GET,", "PUT", "/mango"]
    assert rows["a_zebra"].split() == ["POST", "/zebra"]
    assert "HEAD" not in output and "OPTIONS" not in output
    assert output.splitlines()[0].split() == ["Endpoint", "Methods", "Rule"]
    assert set(output.splitlines()[1].replace(" ", "")) == {"-"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        pytest.param([], ["a_zebra", "mango", "static", "yak"], id="default-endpoint"),
        pytest.param(["--sort", "endpoint"], ["a_zebra", "mango", "static", "yak"], id="endpoint"),
        pytest.param(["-s", "rule"], ["yak", "mango", "static", "a_zebra"], id="rule"),
        pytest.param(["--sort", "methods"], ["static", "yak", "mango", "a_zebra"], id="methods"),
        pytest.param(["--sort", "match"], ["static", "a_zebra", "yak", "mango"], id="match"),
    ],
)
def test_routes_sort_orders(target, runner, sort, expected):
    """``flask routes --sort`` orders rows by endpoint (the default), methods, rule, or registration (match) order (Flask docs: Command Line Interface)."""
    assert _endpoints(_routes(target, runner, *sort)) == expected


def test_routes_all_methods_shows_head_and_options(target, runner):
    """``flask routes --all-methods`` includes HEAD and OPTIONS in the methods column (Flask docs: Command Line Interface)."""
    output = _routes(target, runner, "--all-methods")

    mango = next(line for line in output.splitlines() if line.startswith("mango"))
    assert mango.split()[1:] == ["GET,", "HEAD,", "OPTIONS,", "PUT", "/mango"]


def test_routes_invalid_sort_is_rejected(target, runner):
    """``flask routes --sort`` rejects a value that is not one of its choices with status 2 (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_routes", "routes", "--sort", "x"])

    assert result.exit_code == 2
    assert "--sort" in result.output


def test_routes_without_routes(target, runner):
    """``flask routes`` for an application without any rule prints one line, containing ``No routes were registered.``, and no table (Flask docs: Command Line Interface)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_no_routes", "routes"])

    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert "No routes were registered." in line
    assert result.stderr == ""


def test_routes_shows_subdomain_column(target, app):
    """``flask routes`` adds a Subdomain column when a rule has a subdomain (Flask docs: Command Line Interface)."""
    app.config["SERVER_NAME"] = "example.test"
    app.url_map.default_subdomain = ""

    @app.route("/", subdomain="api")
    def api_index():
        return ""

    result = _invoke_for(target, app, "routes")

    assert result.output.splitlines()[0].split() == ["Endpoint", "Methods", "Subdomain", "Rule"]
    assert "api_index  GET      api        /" in result.output


def test_routes_shows_host_column(target):
    """``flask routes`` adds a Host column when the application matches hosts and a rule has one (Flask docs: Command Line Interface)."""
    app = target.Flask("conformance_hosts", host_matching=True, static_host="static.test")

    @app.route("/", host="www.test")
    def home():
        return ""

    result = _invoke_for(target, app, "routes", "--sort", "domain")

    lines = result.output.splitlines()
    assert lines[0].split() == ["Endpoint", "Methods", "Host", "Rule"]
    assert [line.split()[0] for line in lines[2:]] == ["static", "home"]
    assert lines[3].split() == ["home", "GET", "www.test", "/"]
