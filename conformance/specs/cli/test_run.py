"""``flask run`` option parsing, checked without starting a server."""

import pytest


def _run(target, runner, *args):
    return runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", *args])


#: How Click starts the error line of a rejected ``--key`` value; the reason follows.
KEY_ERROR = "Error: Invalid value for '--key': "


def _error_line(result):
    """The last line of standard error, where Click reports a usage error after ``Error:``."""
    assert result.stdout == ""
    return result.stderr.splitlines()[-1]


def test_run_help_lists_its_options(target, runner):
    """``flask run --help`` documents the host, port, certificate, reloader, debugger and thread options (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--help")

    assert result.exit_code == 0
    for option in (
        "--host",
        "--port",
        "--cert",
        "--key",
        "--reload / --no-reload",
        "--debugger / --no-debugger",
        "--with-threads / --without-threads",
        "--extra-files",
        "--exclude-patterns",
        "--debug / --no-debug",
    ):
        assert option in result.output


def test_run_key_requires_cert(target, runner):
    """``flask run --key`` without ``--cert`` is rejected with status 2 as a bad ``--key`` value naming ``--cert`` (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--key", "cliapp_app.py")

    assert result.exit_code == 2
    line = _error_line(result)
    assert line.startswith(KEY_ERROR)
    assert "--cert" in line.removeprefix(KEY_ERROR)


def test_run_cert_file_requires_key(target, runner):
    """``flask run --cert file`` without ``--key`` is rejected with status 2 as a missing ``--key`` value naming ``--cert`` (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--cert", "cliapp_app.py")

    assert result.exit_code == 2
    line = _error_line(result)
    assert line.startswith(KEY_ERROR)
    assert "--cert" in line.removeprefix(KEY_ERROR)


def test_run_adhoc_cert_rejects_key(target, runner):
    """``flask run --cert adhoc`` refuses a ``--key`` as a bad ``--key`` value naming ``--cert`` and ``adhoc`` (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--cert", "adhoc", "--key", "cliapp_app.py")

    assert result.exit_code == 2
    line = _error_line(result)
    assert line.startswith(KEY_ERROR)
    reason = line.removeprefix(KEY_ERROR)
    assert "--cert" in reason
    assert "adhoc" in reason


def test_run_adhoc_cert_needs_cryptography(target, runner, monkeypatch):
    """``flask run --cert adhoc`` without the ``cryptography`` library is rejected with a message naming it (Flask docs: Run the Development Server)."""
    import sys

    monkeypatch.setitem(sys.modules, "cryptography", None)

    result = _run(target, runner, "--cert", "adhoc")

    assert result.exit_code == 2
    assert "cryptography" in result.output


def test_run_cert_missing_file_is_rejected(target, runner):
    """``flask run --cert`` with a path that is neither a file, ``adhoc`` nor an SSL context import is rejected (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--cert", "missing-cert.pem")

    assert result.exit_code == 2
    assert "--cert" in result.output


def test_run_cert_ssl_context_rejects_key(target, runner, monkeypatch, tmp_path):
    """``flask run --cert module.context`` naming an ``SSLContext`` refuses a ``--key`` (Flask docs: Run the Development Server)."""
    import ssl
    import sys
    import types

    module = types.ModuleType("cliapp_ssl_context")
    module.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    monkeypatch.setitem(sys.modules, "cliapp_ssl_context", module)

    result = _run(target, runner, "--cert", "cliapp_ssl_context.context", "--key", "cliapp_app.py")

    assert result.exit_code == 2
    assert "SSLContext" in result.output


@pytest.mark.parametrize("port", ["http", "-"])
def test_run_port_must_be_an_integer(target, runner, port):
    """``flask run --port`` accepts only an integer (Flask docs: Run the Development Server)."""
    result = _run(target, runner, "--port", port)

    assert result.exit_code == 2
    assert "--port" in result.output


def test_run_unloadable_app_fails_before_serving(target, runner):
    """``flask run`` with an application that cannot be loaded exits with status 2 before any server starts (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_does_not_exist", "run"])

    assert result.exit_code == 2
    line = _error_line(result)
    assert line.startswith("Error: ")
    assert "'cliapp_does_not_exist'" in line


def test_run_key_requires_cert_on_a_python_without_ssl(target, runner, monkeypatch):
    """On a Python without the ``ssl`` module, ``flask run --key`` without ``--cert`` is still rejected with status 2 as a bad ``--key`` value naming ``--cert`` (Flask docs: Run the Development Server)."""
    import sys

    monkeypatch.setitem(sys.modules, "ssl", None)
    result = _run(target, runner, "--key", "cliapp_app.py")

    assert result.exit_code == 2
    line = _error_line(result)
    assert line.startswith(KEY_ERROR)
    assert "--cert" in line.removeprefix(KEY_ERROR)
    assert "SSLContext" not in line
