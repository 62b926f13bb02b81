"""What ``flask run`` hands to the server and prints before serving, observed
with the server replaced by a recorder."""

import pytest


@pytest.fixture
def served(target, monkeypatch):
    """Record the calls ``flask run`` makes to its server instead of serving."""
    calls = []
    monkeypatch.setattr(target.cli, "run_simple", lambda *a, **k: calls.append((a, k)))
    return calls


def test_run_prints_the_app_and_debug_mode_before_serving(target, runner, served):
    """Before starting the server, ``flask run`` prints a `` * `` line naming the app's import path, then `` * Debug mode: off`` (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run"])

    assert result.exit_code == 0, result.output
    serving, debug = result.stdout.splitlines()
    assert serving.startswith(" * ")
    assert "cliapp_app" in serving
    assert debug == " * Debug mode: off"
    assert len(served) == 1


def test_run_in_debug_mode_turns_on_reloader_and_debugger(target, runner, served):
    """``flask run --debug`` without ``--reload``/``--debugger`` flags serves with both the reloader and the debugger on (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", "--debug"])

    assert result.exit_code == 0, result.output
    ((arguments, options),) = served
    assert arguments[:2] == ("127.0.0.1", 5000)
    assert (options["use_reloader"], options["use_debugger"]) == (True, True)


def test_run_outside_debug_mode_serves_without_reloader_and_debugger(target, runner, served):
    """``flask run`` outside debug mode serves with neither the reloader nor the debugger unless asked (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run"])

    assert result.exit_code == 0, result.output
    ((_, options),) = served
    assert (options["use_reloader"], options["use_debugger"]) == (False, False)


def test_run_accepts_adhoc_in_any_case(target, runner, served):
    """``flask run --cert ADHOC`` is the ``adhoc`` certificate whatever its letter case (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", "--cert", "ADHOC"])

    assert result.exit_code == 0, result.output
    ((_, options),) = served
    assert options["ssl_context"] == "adhoc"


def test_run_refuses_a_directory_as_certificate(target, runner, served, tmp_path):
    """``flask run --cert`` refuses a directory, even with ``--key`` given, and does not serve (Flask docs: Run the Development Server)."""
    key = tmp_path / "server.key"
    key.write_text("not used", encoding="utf-8")

    result = runner.invoke(
        target.cli.cli,
        ["--app", "cliapp_app", "run", "--cert", str(tmp_path), "--key", str(key)],
    )

    assert result.exit_code == 2, result.output
    assert "--cert" in result.output
    assert served == []
