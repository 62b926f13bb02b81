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


@pytest.fixture
def certificate_files(tmp_path, monkeypatch):
    """A certificate and a key file (their content is never read here), the folder made current."""
    (tmp_path / "server.crt").write_text("certificate", encoding="utf-8")
    (tmp_path / "server.key").write_text("key", encoding="utf-8")
    (tmp_path / "keys").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "order",
    [
        ("--cert", "server.crt", "--key", "server.key"),
        ("--key", "server.key", "--cert", "server.crt"),
    ],
    ids=["cert-first", "key-first"],
)
def test_run_serves_with_the_certificate_and_key_as_absolute_paths(
    target, runner, served, certificate_files, order
):
    """``flask run --cert file --key file``, in either order, serves with ``ssl_context`` set to the pair of both files' absolute paths (Flask docs: Run the Development Server)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", *order])

    assert result.exit_code == 0, result.output
    ((_, options),) = served
    assert options["ssl_context"] == (
        str(certificate_files / "server.crt"),
        str(certificate_files / "server.key"),
    )


@pytest.mark.parametrize("key", ["missing.key", "keys"], ids=["missing-file", "directory"])
def test_run_refuses_a_key_that_is_not_an_existing_file(
    target, runner, served, certificate_files, key
):
    """``flask run --key`` must name an existing file, not a directory: otherwise the command exits with status 2 naming ``--key`` and does not serve (Flask docs: Run the Development Server)."""
    result = runner.invoke(
        target.cli.cli, ["--app", "cliapp_app", "run", "--cert", "server.crt", "--key", key]
    )

    assert result.exit_code == 2, result.output
    assert "--key" in result.output
    assert served == []


def test_run_serves_threaded_by_default(target, runner, served):
    """``flask run`` serves with threads unless ``--without-threads`` is given (Flask docs: Run the Development Server)."""
    runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run"])
    runner.invoke(target.cli.cli, ["--app", "cliapp_app", "run", "--without-threads"])

    assert [options["threaded"] for _, options in served] == [True, False]


def test_run_splits_extra_files_and_exclude_patterns_on_the_path_separator(target, runner, served):
    """``--extra-files`` and ``--exclude-patterns`` take several values joined by ``os.pathsep`` and hand them to the server as lists (Flask docs: Run the Development Server)."""
    import os

    result = runner.invoke(
        target.cli.cli,
        [
            "--app", "cliapp_app", "run",
            "--extra-files", os.pathsep.join(["a.txt", "b.txt"]),
            "--exclude-patterns", os.pathsep.join(["*.tmp", "*.bak"]),
        ],
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    ((_, options),) = served
    assert options["extra_files"] == ["a.txt", "b.txt"]
    assert options["exclude_patterns"] == ["*.tmp", "*.bak"]


def test_run_in_the_reloader_child_serves_an_app_that_fails_to_load(
    target, runner, served, monkeypatch
):
    """In the reloader's child (``WERKZEUG_RUN_MAIN=true``), an app that fails to load still gets served: the traceback is printed and each request raises the loading error (Flask docs: Run the Development Server)."""
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")

    result = runner.invoke(target.cli.cli, ["--app", "cliapp_broken_import", "run"])

    assert result.exit_code == 0, result.output
    assert "Traceback (most recent call last)" in result.stderr
    ((arguments, _),) = served
    with pytest.raises(target.cli.NoAppException) as raised:
        arguments[2]({}, lambda *args: None)
    assert "cliapp_broken_import" in raised.value.format_message()
