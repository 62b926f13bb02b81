"""Flask's sentences from ``flask run``: certificate and key errors, and the server banner.

No server is started: the errors stop the command while its options are
parsed, and the banner is printed by ``show_server_banner`` alone.
"""

import sys

import pytest
from click.testing import CliRunner

from conformance.specs.cli.conftest import cli_apps  # noqa: F401 (autouse: the apps of fixtures/apps/cli)

pytestmark = pytest.mark.requires("cli")


@pytest.fixture
def runner() -> CliRunner:
    """A Click test runner; standard output and standard error are kept apart."""
    return CliRunner()


def _error_line(target, runner, *args):
    """The last line ``flask --app cliapp_app run ARGS`` prints, after checking it is a usage error."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()[-1]


def test_key_without_cert_message(target, runner):
    """``flask run --key`` without ``--cert`` fails with Flask's sentence that ``--cert`` must also be given (Flask API: cli.run_command)."""
    line = _error_line(target, runner, "--key", "cliapp_app.py")

    assert line == "Error: Invalid value for '--key': \"--cert\" must also be specified."


def test_cert_file_without_key_message(target, runner):
    """``flask run --cert file`` without ``--key`` fails with Flask's sentence that the key is required with ``--cert`` (Flask API: cli.run_command)."""
    line = _error_line(target, runner, "--cert", "cliapp_app.py")

    assert line == "Error: Invalid value for '--key': Required when using \"--cert\"."


def test_adhoc_cert_with_key_message(target, runner):
    """``flask run --cert adhoc --key file`` fails with Flask's sentence that the key is not used for an ad-hoc certificate (Flask API: cli.run_command)."""
    line = _error_line(target, runner, "--cert", "adhoc", "--key", "cliapp_app.py")

    assert (
        line == 'Error: Invalid value for \'--key\': When "--cert" is "adhoc", "--key" is not used.'
    )


def test_ssl_context_cert_with_key_message(target, runner, monkeypatch):
    """``flask run --cert module.context --key file`` fails with Flask's sentence that the key is not used with an SSLContext (Flask API: cli.run_command)."""
    import ssl
    import types

    module = types.ModuleType("cliapp_wording_ssl")
    module.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    monkeypatch.setitem(sys.modules, "cliapp_wording_ssl", module)

    line = _error_line(
        target, runner, "--cert", "cliapp_wording_ssl.context", "--key", "cliapp_app.py"
    )

    assert line == (
        'Error: Invalid value for \'--key\': When "--cert" is an SSLContext object, "--key" is not used.'
    )


def test_adhoc_cert_without_cryptography_message(target, runner, monkeypatch):
    """``flask run --cert adhoc`` without the cryptography library fails with Flask's sentence naming that library (Flask API: cli.run_command)."""
    monkeypatch.setitem(sys.modules, "cryptography", None)

    line = _error_line(target, runner, "--cert", "adhoc")

    assert line == (
        "Error: Invalid value for '--cert': Using ad-hoc certificates requires the cryptography library."
    )


def test_cert_without_ssl_module_message(target, runner, monkeypatch):
    """``flask run --cert`` on a Python whose ``ssl`` module cannot be imported fails with Flask's sentence about SSL support (Flask API: cli.run_command)."""
    monkeypatch.setitem(sys.modules, "ssl", None)

    line = _error_line(target, runner, "--cert", "cliapp_app.py")

    assert line == (
        "Error: Invalid value for '--cert': Using \"--cert\" requires Python to be compiled with SSL support."
    )


@pytest.mark.parametrize(
    ("debug", "expected"),
    [
        pytest.param(True, " * Serving Flask app 'cliapp_app'\n * Debug mode: on\n", id="debug-on"),
        pytest.param(
            False, " * Serving Flask app 'cliapp_app'\n * Debug mode: off\n", id="debug-off"
        ),
    ],
)
def test_server_banner_lines(target, monkeypatch, capsys, debug, expected):
    """Before serving, ``flask run`` prints `` * Serving Flask app '<import path>'`` and `` * Debug mode: on`` or ``off`` (Flask docs: Run the Development Server)."""
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)

    target.cli.show_server_banner(debug, "cliapp_app")

    assert capsys.readouterr().out == expected
