"""Fixtures for the cli specs: the application modules, a clean environment, a runner.

The modules in ``fixtures/apps/cli`` import Flask's names from ``cliapp_target``,
which the ``cli_apps`` fixture fills with the names of the target under test.
"""

import os
import sys
import types

import click
import pytest
from click.testing import CliRunner

from conformance.paths import APPS_DIR

CLI_APPS = APPS_DIR / "cli"
_ENV_NAMES = ("FLASK_APP", "FLASK_DEBUG", "FLASK_SKIP_DOTENV", "FLASK_RUN_FROM_CLI")
_LOADED_NAMES = ("app", "wsgi")


@pytest.fixture(autouse=True)
def cli_apps(target, monkeypatch):
    """Run each spec in ``fixtures/apps/cli`` with its modules importable and forgotten after."""
    shim = types.ModuleType("cliapp_target")
    for name in ("Flask", "Blueprint", "current_app", "g"):
        setattr(shim, name, getattr(target, name))
    monkeypatch.setitem(sys.modules, "cliapp_target", shim)
    monkeypatch.chdir(CLI_APPS)
    monkeypatch.syspath_prepend(str(CLI_APPS))
    monkeypatch.delattr(sys, "__interactivehook__", raising=False)
    environ = dict(os.environ)
    modules = set(sys.modules)
    for name in _ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    yield CLI_APPS
    for name in set(sys.modules) - modules:
        if name.startswith("cliapp_") or name in _LOADED_NAMES:
            del sys.modules[name]
    for name in set(os.environ) - set(environ):
        del os.environ[name]
    for name, value in environ.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


@pytest.fixture
def runner():
    """A Click test runner."""
    return CliRunner()


@pytest.fixture
def flask_group(target):
    """A fresh ``FlaskGroup`` with a ``which-app`` command echoing the loaded app's name."""
    group = target.cli.FlaskGroup(name="flask")

    @group.command("which-app")
    def which_app():
        click.echo(f"app={target.current_app.name}")

    return group
