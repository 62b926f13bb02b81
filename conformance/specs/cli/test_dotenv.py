"""``.env`` and ``.flaskenv`` files, ``--env-file`` and ``load_dotenv`` (python-dotenv installed)."""

import os

import pytest


@pytest.fixture
def env_dir(tmp_path, monkeypatch):
    """An empty working directory for dotenv files; the variables used here start unset."""
    for name in ("CLIENV_A", "CLIENV_B", "CLIENV_C"):
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_load_dotenv_reads_env_and_flaskenv(target, env_dir):
    """``load_dotenv`` sets variables from ``.flaskenv`` and ``.env`` in the current directory and returns ``True`` (Flask API: cli.load_dotenv)."""
    _write(env_dir / ".flaskenv", "CLIENV_A=from-flaskenv\n")
    _write(env_dir / ".env", "CLIENV_B=from-env\n")

    assert target.cli.load_dotenv() is True
    assert os.environ["CLIENV_A"] == "from-flaskenv"
    assert os.environ["CLIENV_B"] == "from-env"


def test_env_file_wins_over_flaskenv(target, env_dir):
    """A variable set in both ``.env`` and ``.flaskenv`` takes the value from ``.env`` (Flask API: cli.load_dotenv)."""
    _write(env_dir / ".flaskenv", "CLIENV_A=from-flaskenv\n")
    _write(env_dir / ".env", "CLIENV_A=from-env\n")

    target.cli.load_dotenv()

    assert os.environ["CLIENV_A"] == "from-env"


def test_existing_environment_wins_over_dotenv(target, env_dir, monkeypatch):
    """``load_dotenv`` never overrides a variable already set in the environment (Flask API: cli.load_dotenv)."""
    monkeypatch.setenv("CLIENV_A", "from-shell")
    _write(env_dir / ".env", "CLIENV_A=from-env\n")

    target.cli.load_dotenv()

    assert os.environ["CLIENV_A"] == "from-shell"


def test_load_dotenv_finds_files_in_parent_directories(target, env_dir, monkeypatch):
    """``load_dotenv`` finds a ``.env`` in a parent of the current directory (Flask API: cli.load_dotenv)."""
    _write(env_dir / ".env", "CLIENV_A=from-parent\n")
    child = env_dir / "child"
    child.mkdir()
    monkeypatch.chdir(child)

    target.cli.load_dotenv()

    assert os.environ["CLIENV_A"] == "from-parent"
    assert os.getcwd() == str(child)


def test_load_dotenv_given_path_wins_over_defaults(target, env_dir):
    """A path given to ``load_dotenv`` takes precedence over the default ``.env`` and ``.flaskenv`` files (Flask API: cli.load_dotenv)."""
    _write(env_dir / ".env", "CLIENV_A=from-env\nCLIENV_B=only-in-env\n")
    custom = _write(env_dir / "custom.env", "CLIENV_A=from-custom\n")

    target.cli.load_dotenv(custom)

    assert os.environ["CLIENV_A"] == "from-custom"
    assert os.environ["CLIENV_B"] == "only-in-env"


def test_load_dotenv_without_defaults(target, env_dir):
    """``load_dotenv(path, load_defaults=False)`` loads only the given file (Flask API: cli.load_dotenv)."""
    _write(env_dir / ".env", "CLIENV_B=from-env\n")
    custom = _write(env_dir / "custom.env", "CLIENV_A=from-custom\n")

    target.cli.load_dotenv(custom, load_defaults=False)

    assert os.environ["CLIENV_A"] == "from-custom"
    assert "CLIENV_B" not in os.environ


def test_load_dotenv_without_files_returns_false(target, env_dir):
    """``load_dotenv`` returns ``False`` when there is no file to load, and for a path that is not a file (Flask API: cli.load_dotenv)."""
    assert target.cli.load_dotenv() is False
    assert target.cli.load_dotenv(env_dir / "missing.env") is False


def test_flask_command_loads_flaskenv(target, runner, env_dir, monkeypatch, cli_apps):
    """The ``flask`` command loads ``.flaskenv`` before finding the app, so ``FLASK_APP`` can come from it (Flask docs: Environment Variables From dotenv)."""
    _write(env_dir / ".flaskenv", "FLASK_APP=cliapp_application\n")

    result = runner.invoke(target.cli.cli, ["routes"])

    assert result.exit_code == 0, result.output
    assert "static" in result.output


def test_env_file_option_loads_the_file(target, runner, env_dir, cli_apps):
    """``flask --env-file path`` (``-e``) loads variables from that file before loading the app (Flask docs: Environment Variables From dotenv)."""
    _write(env_dir / "settings.env", "FLASK_APP=cliapp_single\nCLIENV_A=from-option\n")

    result = runner.invoke(target.cli.cli, ["-e", "settings.env", "routes"])

    assert result.exit_code == 0, result.output
    assert os.environ["CLIENV_A"] == "from-option"


def test_env_file_option_wins_over_dotenv(target, runner, env_dir):
    """Variables from ``--env-file`` take precedence over those in ``.env`` and ``.flaskenv`` (Flask docs: Environment Variables From dotenv)."""
    _write(env_dir / ".env", "CLIENV_A=from-env\n")
    _write(env_dir / "settings.env", "CLIENV_A=from-option\n")

    runner.invoke(target.cli.cli, ["--env-file", "settings.env", "--version"])

    assert os.environ["CLIENV_A"] == "from-option"


def test_env_file_option_requires_existing_file(target, runner, env_dir):
    """``flask --env-file`` with a missing file exits with status 2 (Flask docs: Environment Variables From dotenv)."""
    result = runner.invoke(target.cli.cli, ["--env-file", "missing.env", "--version"])

    assert result.exit_code == 2
    assert "--env-file" in result.output


def test_flask_skip_dotenv_disables_default_files(target, runner, env_dir, monkeypatch):
    """``FLASK_SKIP_DOTENV=1`` stops the ``flask`` command from loading ``.env`` and ``.flaskenv`` (Flask docs: Disable dotenv)."""
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    _write(env_dir / ".env", "CLIENV_A=from-env\n")

    # A command, not the eager --version, so the run reaches the dotenv loading.
    runner.invoke(target.cli.cli, ["routes"])

    assert "CLIENV_A" not in os.environ


@pytest.mark.parametrize("value", ["0", "false", "no", "No"])
def test_flask_skip_dotenv_falsy_values_keep_loading_default_files(
    target, runner, env_dir, monkeypatch, value
):
    """``FLASK_SKIP_DOTENV`` set to ``0``, ``false`` or ``no`` (any case) leaves the ``flask`` command loading ``.env`` (Flask docs: Disable dotenv)."""
    monkeypatch.setenv("FLASK_SKIP_DOTENV", value)
    _write(env_dir / ".env", "CLIENV_A=from-env\n")

    runner.invoke(target.cli.cli, ["routes"])

    assert os.environ["CLIENV_A"] == "from-env"


def test_get_load_dotenv_defaults_to_loading_when_the_variable_is_unset(target, monkeypatch):
    """Without ``FLASK_SKIP_DOTENV``, ``get_load_dotenv()`` returns ``True`` and ``get_load_dotenv(False)`` returns the given ``False`` (Flask API: helpers.get_load_dotenv)."""
    monkeypatch.delenv("FLASK_SKIP_DOTENV", raising=False)

    assert target.helpers.get_load_dotenv() is True
    assert target.helpers.get_load_dotenv(False) is False


def test_env_file_option_is_loaded_even_when_dotenv_defaults_are_skipped(
    target, runner, env_dir, monkeypatch
):
    """With ``FLASK_SKIP_DOTENV=1``, ``flask --env-file path`` still loads that file while ``.env`` stays unread (Flask docs: Environment Variables From dotenv)."""
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    _write(env_dir / ".env", "CLIENV_A=from-env\n")
    _write(env_dir / "settings.env", "CLIENV_B=from-option\n")

    runner.invoke(target.cli.cli, ["--env-file", "settings.env", "routes"])

    assert os.environ["CLIENV_B"] == "from-option"
    assert "CLIENV_A" not in os.environ


def test_help_alone_loads_flaskenv_to_find_the_app(target, runner, env_dir):
    """``flask --help`` alone loads ``.flaskenv`` first, so an app named there in ``FLASK_APP`` has its commands listed (Flask docs: Environment Variables From dotenv)."""
    _write(env_dir / ".flaskenv", "FLASK_APP=cliapp_debug\n")

    result = runner.invoke(target.cli.cli, ["--help"])

    assert result.exit_code == 0, result.output
    assert "debug-state" in [line.split()[0] for line in result.output.splitlines() if line.strip()]


def test_flask_group_load_dotenv_false(target, runner, env_dir):
    """``FlaskGroup(load_dotenv=False)`` does not load the default dotenv files (Flask API: cli.FlaskGroup)."""
    _write(env_dir / ".env", "CLIENV_A=from-env\n")
    group = target.cli.FlaskGroup(load_dotenv=False)

    runner.invoke(group, ["routes"])

    assert "CLIENV_A" not in os.environ


def test_missing_dotenv_library_shows_a_tip(target, env_dir, monkeypatch, capsys):
    """Without python-dotenv, ``load_dotenv`` returns ``False`` and prints a tip when dotenv files are present (Flask API: cli.load_dotenv)."""
    import sys

    monkeypatch.setitem(sys.modules, "dotenv", None)
    _write(env_dir / ".env", "CLIENV_A=from-env\n")

    assert target.cli.load_dotenv() is False
    assert "python-dotenv" in capsys.readouterr().err
    assert "CLIENV_A" not in os.environ


def test_missing_dotenv_library_rejects_env_file(target, runner, env_dir, monkeypatch):
    """Without python-dotenv, ``flask --env-file`` exits with status 2 naming the missing library (Flask docs: Environment Variables From dotenv)."""
    import sys

    monkeypatch.setitem(sys.modules, "dotenv", None)
    _write(env_dir / "settings.env", "CLIENV_A=x\n")

    result = runner.invoke(target.cli.cli, ["--env-file", "settings.env", "--version"])

    assert result.exit_code == 2
    line = result.stderr.splitlines()[-1]
    assert line.startswith("Error: Invalid value for '-e' / '--env-file': ")
    assert "python-dotenv" in line.partition("--env-file': ")[2]
