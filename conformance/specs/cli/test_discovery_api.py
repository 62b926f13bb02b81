"""The discovery helpers of ``flask.cli``: ``ScriptInfo``, ``find_best_app``, ``locate_app`` and ``prepare_import``."""

import os
import sys
import types

import click
import pytest


def _module(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    return module


def test_no_app_exception_is_a_click_usage_error(target):
    """``NoAppException`` is a Click ``UsageError``, so the command line shows it as a usage error (Flask API: cli.NoAppException)."""
    assert issubclass(target.cli.NoAppException, click.UsageError)


def test_find_best_app_prefers_app_attribute(target):
    """``find_best_app`` returns the module's ``app`` attribute before any other application (Flask API: cli.find_best_app)."""
    main = target.Flask("conformance_main")
    module = _module("cliapp_virtual", other=target.Flask("conformance_other"), app=main)

    assert target.cli.find_best_app(module) is main


def test_find_best_app_calls_factory(target):
    """``find_best_app`` calls a ``create_app`` function without arguments when no instance exists (Flask API: cli.find_best_app)."""
    made = target.Flask("conformance_made")
    module = _module("cliapp_virtual", create_app=lambda: made)

    assert target.cli.find_best_app(module) is made


def test_find_best_app_ignores_non_function_factory(target):
    """``find_best_app`` only calls ``create_app`` when it is a function, raising ``NoAppException`` naming the module otherwise (Flask API: cli.find_best_app)."""
    module = _module("cliapp_virtual", create_app="not callable")

    with pytest.raises(target.cli.NoAppException) as raised:
        target.cli.find_best_app(module)

    assert "'cliapp_virtual'" in raised.value.format_message()
    assert "'cliapp_virtual:name'" in raised.value.format_message()


def test_find_best_app_skips_factory_returning_non_app(target):
    """A ``create_app`` that returns something other than an application is passed over (Flask API: cli.find_best_app)."""
    module = _module("cliapp_virtual", create_app=lambda: "nope")

    with pytest.raises(target.cli.NoAppException):
        target.cli.find_best_app(module)


def test_locate_app_imports_and_finds(target):
    """``locate_app`` imports the module by name and returns the named or discovered application (Flask API: cli.locate_app)."""
    found = target.cli.locate_app("cliapp_multiple", "first")

    assert found.name == "cliapp_first"
    assert target.cli.locate_app("cliapp_single", None).name == "cliapp_single"


def test_locate_app_unknown_module_without_raising(target):
    """``locate_app(..., raise_if_not_found=False)`` returns ``None`` for a module that does not exist (Flask API: cli.locate_app)."""
    assert target.cli.locate_app("cliapp_not_there", None, raise_if_not_found=False) is None


def test_locate_app_unknown_module_raises(target):
    """``locate_app`` raises ``NoAppException`` for a module that does not exist (Flask API: cli.locate_app)."""
    with pytest.raises(target.cli.NoAppException) as raised:
        target.cli.locate_app("cliapp_not_there", None)

    assert "'cliapp_not_there'" in raised.value.format_message()


def test_prepare_import_of_a_file(target, cli_apps):
    """``prepare_import`` turns a ``.py`` file path into its module name and puts its folder first on ``sys.path`` (Flask API: cli.prepare_import)."""
    name = target.cli.prepare_import(str(cli_apps / "cwd_app" / "app.py"))

    assert name == "app"
    assert sys.path[0] == os.path.realpath(cli_apps / "cwd_app")


def test_prepare_import_inside_a_package(target, cli_apps):
    """``prepare_import`` gives the dotted name of a module inside a package and adds the package's parent to ``sys.path`` (Flask API: cli.prepare_import)."""
    name = target.cli.prepare_import(str(cli_apps / "cliapp_pkg" / "inner.py"))

    assert name == "cliapp_pkg.inner"
    assert sys.path[0] == os.path.realpath(cli_apps)


def test_prepare_import_of_package_init(target, cli_apps):
    """``prepare_import`` maps a package's ``__init__.py`` to the package name (Flask API: cli.prepare_import)."""
    assert target.cli.prepare_import(str(cli_apps / "cliapp_pkg" / "__init__.py")) == "cliapp_pkg"


def test_prepare_import_does_not_add_a_folder_already_first(target, cli_apps):
    """``prepare_import`` leaves ``sys.path`` alone when the module's folder is already first on it, so preparing twice adds the folder once (Flask API: cli.prepare_import)."""
    folder = os.path.realpath(cli_apps / "cwd_app")
    target.cli.prepare_import(str(cli_apps / "cwd_app" / "app.py"))
    after_first = list(sys.path)
    target.cli.prepare_import(str(cli_apps / "cwd_app" / "app.py"))

    assert sys.path == after_first
    assert sys.path[0] == folder
    assert sys.path.count(folder) == 1


def test_script_info_loads_default_dotenv_files_by_default(target, monkeypatch):
    """A ``ScriptInfo`` made without arguments has ``load_dotenv_defaults`` set to ``True`` while ``FLASK_SKIP_DOTENV`` is unset (Flask API: cli.ScriptInfo)."""
    monkeypatch.delenv("FLASK_SKIP_DOTENV", raising=False)

    assert target.cli.ScriptInfo().load_dotenv_defaults is True


def test_import_path_literal_argument_may_hold_a_colon(target):
    """In an import path, only the first colon separates the module, so ``module:create_app('a:b')`` passes ``'a:b'`` to the factory (Flask docs: Application Discovery)."""
    app = target.cli.ScriptInfo(app_import_path="cliapp_factory_args:create_app('a:b')").load_app()

    assert app.config["CONFIG_NAME"] == "a:b"


def test_script_info_given_as_obj_keeps_its_import_path(target, runner, flask_group):
    """A ``ScriptInfo`` with an ``app_import_path`` passed as a ``FlaskGroup``'s ``obj`` is the one used when ``--app`` is not given (Flask API: cli.ScriptInfo)."""
    info = target.cli.ScriptInfo(app_import_path="cliapp_multiple:second")

    result = runner.invoke(flask_group, ["which-app"], obj=info)

    assert result.exit_code == 0, result.output
    assert result.output == "app=cliapp_second\n"
    assert info.app_import_path == "cliapp_multiple:second"


def test_script_info_in_context_settings_is_the_one_used(target, runner):
    """A ``ScriptInfo`` given as ``obj`` in a ``FlaskGroup``'s ``context_settings`` is the one its commands load the app from (Flask API: cli.FlaskGroup)."""
    info = target.cli.ScriptInfo(app_import_path="cliapp_multiple:second")
    group = target.cli.FlaskGroup(name="flask", context_settings={"obj": info})

    @group.command("which-app")
    def which_app():
        click.echo(f"app={target.current_app.name}")

    result = runner.invoke(group, ["which-app"])

    assert result.exit_code == 0, result.output
    assert result.output == "app=cliapp_second\n"


def test_script_info_load_app_caches(target):
    """``ScriptInfo.load_app`` calls ``create_app`` once and returns the same application afterwards (Flask API: cli.ScriptInfo.load_app)."""
    calls = []

    def create_app():
        calls.append(1)
        return target.Flask("conformance_cached")

    info = target.cli.ScriptInfo(create_app=create_app)

    assert info.load_app() is info.load_app()
    assert calls == [1]


def test_script_info_import_path(target):
    """``ScriptInfo(app_import_path=...)`` loads the application from the import path (Flask API: cli.ScriptInfo)."""
    info = target.cli.ScriptInfo(app_import_path="cliapp_multiple:second")

    assert info.load_app().name == "cliapp_second"
    assert info.data == {}


def test_script_info_without_app_raises(target):
    """``ScriptInfo.load_app`` raises ``NoAppException`` when nothing names an app and the directory has no ``wsgi.py`` or ``app.py`` (Flask API: cli.ScriptInfo.load_app)."""
    with pytest.raises(target.cli.NoAppException) as raised:
        target.cli.ScriptInfo().load_app()

    for way in ("--app", "FLASK_APP", "wsgi.py", "app.py"):
        assert way in raised.value.format_message()


def test_script_info_sets_debug_from_environment(target, monkeypatch):
    """``ScriptInfo.load_app`` sets the application's ``debug`` from ``FLASK_DEBUG`` unless ``set_debug_flag`` is false (Flask API: cli.ScriptInfo)."""
    monkeypatch.setenv("FLASK_DEBUG", "0")

    def fresh():
        app = target.Flask("conformance_debug_flag")
        app.debug = True
        return app

    assert target.cli.ScriptInfo(create_app=fresh).load_app().debug is False
    assert target.cli.ScriptInfo(create_app=fresh, set_debug_flag=False).load_app().debug is True
