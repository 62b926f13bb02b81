"""The ``impl`` command (and ``python -m impl``) next to ``flask``: both run as
subprocesses on the same fixture apps, and their outputs are compared."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.paths import FIXTURES_DIR

from .servers import free_port, serving

SERVING_DIR = FIXTURES_DIR / "apps" / "serving"
SCRIPTS_DIR = Path(sys.executable).parent

#: How each way of running a command line is spelled, by the name the
#: tests use for it.
COMMANDS = {
    "impl": [str(SCRIPTS_DIR / "impl")],
    "python -m impl": [sys.executable, "-m", "impl"],
    "flask": [str(SCRIPTS_DIR / "flask")],
}
#: The impl spellings; each is compared with ``flask``.
IMPL_COMMANDS = ("impl", "python -m impl")
#: Environment variables of the host that would change what the commands do.
_HOST_SETTINGS = (
    "FLASK_APP",
    "FLASK_DEBUG",
    "FLASK_RUN_PORT",
    "FLASK_RUN_HOST",
    "FLASK_SKIP_DOTENV",
)


def _environment(tool: str, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _HOST_SETTINGS}
    env.update(
        # shop.py builds its app with the framework the command belongs to.
        SERVING_FRAMEWORK="flask" if tool == "flask" else "impl",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run(
    tool: str, *args: str, cwd: Path = SERVING_DIR, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``tool args`` to completion (20 s at most) and capture its output."""
    return subprocess.run(
        [*COMMANDS[tool], *args],
        cwd=cwd,
        env=_environment(tool, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=20,
    )


def _as_flask(tool: str, text: str) -> str:
    """Spell the program name in click's usage lines as ``flask`` does."""
    return text.replace(f"Usage: {tool} ", "Usage: flask ").replace(f"'{tool} ", "'flask ")


@functools.cache
def _flask(*args: str, cwd: Path = SERVING_DIR) -> subprocess.CompletedProcess[str]:
    return run("flask", *args, cwd=cwd)


def assert_same_as_flask(tool: str, *args: str, cwd: Path = SERVING_DIR) -> str:
    """Run ``args`` with ``tool`` and with ``flask``; both must exit with the
    same status and print the same stdout and stderr. Returns the output."""
    ours = run(tool, *args, cwd=cwd)
    reference = _flask(*args, cwd=cwd)
    assert ours.returncode == reference.returncode, ours.stderr
    assert ours.stdout == reference.stdout
    assert _as_flask(tool, ours.stderr) == _as_flask("flask", reference.stderr)
    return ours.stdout + ours.stderr


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
@pytest.mark.parametrize(
    "options",
    [(), ("--sort", "rule"), ("--sort", "methods"), ("-s", "match", "--all-methods")],
    ids=["by-endpoint", "by-rule", "by-methods", "by-match-all-methods"],
)
def test_routes_lists_rules_as_flask_does(tool: str, options: tuple[str, ...]) -> None:
    output = assert_same_as_flask(tool, "--app", "shop", "routes", *options)
    assert "admin.reports.daily" in output
    assert "/catalog/<int:item_id>" in output


def test_routes_output_is_the_expected_table() -> None:
    listing = run("impl", "--app", "shop", "routes")
    assert listing.returncode == 0, listing.stderr
    lines = [line.rstrip() for line in listing.stdout.splitlines()]
    assert lines[:2] == [
        "Endpoint             Methods            Rule",
        "-------------------  -----------------  -----------------------",
    ]
    assert lines[2:] == [
        "admin.login          POST               /admin/login",
        "admin.reports.daily  GET                /admin/reports/daily",
        "basket               DELETE, GET, POST  /basket",
        "catalog.item         GET, PATCH, PUT    /catalog/<int:item_id>",
        "catalog.listing      GET                /catalog/",
        "index                GET                /",
        "static               GET                /static/<path:filename>",
    ]


@pytest.fixture
def plain_module(tmp_path: Path) -> Path:
    """A folder holding a module without an application."""
    (tmp_path / "plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
@pytest.mark.parametrize(
    ("args", "facts"),
    [
        (("--app", "nowhere", "routes"), ("'nowhere'",)),
        (("--app", "shop:nothing", "routes"), ("'nothing'", "'shop'")),
        (("--app", "shop:make(", "routes"), ("'make('",)),
        (("--app", "plain", "routes"), ("'plain'", "'plain:name'")),
        (("routes",), ("--app", "FLASK_APP", "wsgi.py", "app.py")),
        (("--app", "shop", "nosuch"), ("No such command 'nosuch'.",)),
    ],
    ids=["missing-module", "missing-attribute", "bad-expression", "no-app-in-module", "no-app-in-folder", "unknown-command"],
)  # fmt: skip
def test_discovery_errors_match_flask(
    tool: str, args: tuple[str, ...], facts: tuple[str, ...], plain_module: Path
) -> None:
    # impl words its errors in its own sentences: the status, the usage
    # lines and the facts of the error line are what must match Flask.
    cwd = plain_module if "shop" not in " ".join(args) else SERVING_DIR
    ours = run(tool, *args, cwd=cwd)
    reference = _flask(*args, cwd=cwd)
    assert ours.returncode == reference.returncode == 2, ours.stderr
    assert ours.stdout == reference.stdout == ""
    our_lines = _as_flask(tool, ours.stderr).splitlines()
    reference_lines = reference.stderr.splitlines()
    assert our_lines[:-1] == reference_lines[:-1]
    for error_line in (our_lines[-1], reference_lines[-1]):
        assert error_line.startswith("Error: ")
        for fact in facts:
            assert fact in error_line


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_missing_app_is_reported_above_the_help(tool: str) -> None:
    # Help texts are worded differently; the error and the status are not.
    ours = run(tool, "--app", "nowhere", "--help")
    reference = _flask("--app", "nowhere", "--help")
    assert ours.returncode == reference.returncode == 0
    for stderr in (ours.stderr, reference.stderr):
        assert stderr.startswith("Error: ")
        assert stderr.endswith(".\n\n")
        assert stderr.count("\n") == 2
        assert "'nowhere'" in stderr
    assert ours.stdout.startswith(f"Usage: {tool} [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("greet", "Ann"), "Hello, Ann, from shop!\n"),
        (("greet", "Ann", "--shout"), "HELLO, ANN, FROM SHOP!\n"),
        (("stock", "count", "--item", "4"), "shop: item 4 has 3 in stock\n"),
        (("catalog", "size"), "catalog has 2 parts\n"),
    ],
    ids=["command", "command-option", "app-group", "blueprint-group"],
)
@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_custom_commands_run_in_the_app_context(
    tool: str, args: tuple[str, ...], expected: str
) -> None:
    assert assert_same_as_flask(tool, "--app", "shop", *args) == expected


def test_custom_commands_are_listed_in_the_help() -> None:
    listing = run("impl", "--app", "shop", "--help")
    assert listing.returncode == 0, listing.stderr
    commands = listing.stdout.split("Commands:")[1]
    names = {line.split()[0] for line in commands.splitlines() if line.strip()}
    # Installed extensions add theirs through ``flask.commands`` (Flask-Limiter: ``limiter``).
    plugins = {entry.name for entry in importlib.metadata.entry_points(group="flask.commands")}
    assert names == {"catalog", "greet", "routes", "run", "shell", "show-env", "stock", *plugins}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder naming its app in ``.flaskenv`` and setting variables
    in ``.flaskenv``, ``.env`` and an extra env file."""
    (tmp_path / ".flaskenv").write_text(
        f"FLASK_APP={SERVING_DIR / 'shop.py'}\n"
        "SHOP_FROM_FLASKENV=flaskenv\nSHOP_OVERRIDDEN=flaskenv\n",
        encoding="utf-8",
    )
    (tmp_path / ".env").write_text(
        "SHOP_FROM_DOTENV=dotenv\nSHOP_OVERRIDDEN=dotenv\n", encoding="utf-8"
    )
    (tmp_path / "extra.env").write_text("SHOP_OVERRIDDEN=extra\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_dotenv_files_name_the_app_and_set_variables(tool: str, project: Path) -> None:
    output = assert_same_as_flask(tool, "show-env", cwd=project)
    assert output == (
        "SHOP_FROM_FLASKENV=flaskenv\nSHOP_FROM_DOTENV=dotenv\nSHOP_OVERRIDDEN=dotenv\n"
    )


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_env_file_option_overrides_the_default_files(tool: str, project: Path) -> None:
    output = assert_same_as_flask(tool, "--env-file", "extra.env", "show-env", cwd=project)
    assert "SHOP_OVERRIDDEN=extra\n" in output


def test_environment_wins_over_dotenv_files(project: Path) -> None:
    shown = run("impl", "show-env", cwd=project, SHOP_OVERRIDDEN="environment")
    assert "SHOP_OVERRIDDEN=environment\n" in shown.stdout


def test_skip_dotenv_ignores_the_files(project: Path) -> None:
    skipped = run("impl", "routes", cwd=project, FLASK_SKIP_DOTENV="1")
    assert skipped.returncode == 2
    assert "FLASK_APP" in skipped.stderr.splitlines()[-1]


@pytest.mark.parametrize("filename", ["app.py", "wsgi.py"])
@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_app_is_found_in_the_working_directory(tool: str, filename: str, tmp_path: Path) -> None:
    source = (SERVING_DIR / "shop.py").read_text(encoding="utf-8")
    (tmp_path / filename).write_text(source, encoding="utf-8")
    output = assert_same_as_flask(tool, "routes", cwd=tmp_path)
    assert "catalog.item" in output


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_shell_runs_input_in_the_app_context(tool: str) -> None:
    snippet = "print(app.name, sorted(app.blueprints), current_app.name)\n"
    ours = run(tool, "--app", "shop", "shell", stdin=f"from impl import current_app\n{snippet}")
    reference = run(
        "flask", "--app", "shop", "shell", stdin=f"from flask import current_app\n{snippet}"
    )
    assert ours.returncode == reference.returncode == 0, ours.stderr
    assert ours.stdout == reference.stdout
    assert "shop ['admin', 'admin.reports', 'catalog'] shop" in ours.stdout
    assert "App: shop\n" in ours.stderr


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_version_has_the_shape_of_flask_version(tool: str) -> None:
    ours = run(tool, "--version")
    reference = run("flask", "--version")
    assert ours.returncode == reference.returncode == 0
    our_lines = ours.stdout.splitlines()
    reference_lines = reference.stdout.splitlines()
    names = ["Python", "Flask", "Werkzeug"]
    assert [line.split()[0] for line in our_lines] == names
    assert [line.split()[0] for line in reference_lines] == names
    # The same Python and Werkzeug; impl's Flask line names the API it follows.
    assert our_lines[0] == reference_lines[0]
    assert our_lines[2] == reference_lines[2]
    api_version = our_lines[1].split()[1]
    assert reference_lines[1].startswith(f"Flask {api_version}.")


#: A file the Werkzeug debugger serves when it is on.
DEBUGGER_RESOURCE = "/?__debugger__=yes&cmd=resource&f=style.css"


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get_content_type(), response.read()


def _banner(output: str, port: int) -> list[str]:
    """The server's `` * `` lines, with the port and debugger PIN masked."""
    lines = (line.replace(str(port), "PORT") for line in output.splitlines())
    return [re.sub(r"PIN: .*", "PIN: ...", line) for line in lines if line.startswith(" * ")]


@dataclass
class Served:
    """What one ``run`` did: a page, whether the debugger answered, the banner."""

    page: bytes
    debugger_on: bool
    banner: list[str]


def _serve_and_fetch(tool: str, *options: str) -> Served:
    """Run ``tool --app shop run [options]`` on a free port, fetch a page and a
    debugger resource from it, and stop it."""
    port = free_port()
    command = [*COMMANDS[tool], "--app", "shop", "run", *options]
    command += ["--port", str(port), "--host", "127.0.0.1"]
    with serving(command, port, cwd=SERVING_DIR, env=_environment(tool), name=tool) as server:
        _type, page = _fetch(f"{server.url}/catalog/7")
        resource_type, _body = _fetch(server.url + DEBUGGER_RESOURCE)
        return Served(page, resource_type == "text/css", _banner(server.output(), port))


@pytest.mark.parametrize("tool", IMPL_COMMANDS)
def test_run_serves_real_requests(tool: str) -> None:
    served = _serve_and_fetch(tool)
    assert served.page == b"item 7\n"
    assert not served.debugger_on
    # The first line, naming the app, is worded by each; the rest is the same.
    assert "shop" in served.banner[0]
    assert served.banner[1] == " * Debug mode: off"
    assert " * Running on http://127.0.0.1:PORT" in served.banner
    assert served.banner[1:] == _serve_and_fetch("flask").banner[1:]


def test_run_in_debug_mode_uses_the_reloader_and_the_debugger() -> None:
    served = _serve_and_fetch("python -m impl", "--debug")
    assert served.page == b"item 7\n"
    assert served.debugger_on
    assert " * Debug mode: on" in served.banner
    assert any(line.startswith(" * Restarting with ") for line in served.banner)
    assert " * Debugger is active!" in served.banner
    assert served.banner[1:] == _serve_and_fetch("flask", "--debug").banner[1:]


@pytest.mark.parametrize(
    ("options", "debugger_on"),
    [(("--no-reload",), True), (("--no-reload", "--no-debugger"), False)],
    ids=["no-reload", "no-reload-no-debugger"],
)
def test_run_options_override_debug_mode(options: tuple[str, ...], debugger_on: bool) -> None:
    served = _serve_and_fetch("impl", "--debug", *options)
    assert served.page == b"item 7\n"
    assert served.debugger_on is debugger_on
    assert not any(line.startswith(" * Restarting with ") for line in served.banner)
    assert served.banner[1:] == _serve_and_fetch("flask", "--debug", *options).banner[1:]
