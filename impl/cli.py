"""The ``flask``-style command line: locating the application, the command
groups apps and extensions add commands to, and the built-in ``run``,
``shell`` and ``routes`` commands."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import inspect
import os
import platform
import re
import sys
import traceback
import typing as t
from contextlib import suppress
from functools import partial, update_wrapper
from operator import itemgetter
from pathlib import Path
from types import ModuleType

import click
from click.core import ParameterSource
from werkzeug import run_simple
from werkzeug.serving import is_running_from_reloader
from werkzeug.utils import import_string

from .globals import _cv_app, current_app
from .helpers import get_debug_flag, get_load_dotenv

if t.TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from .app import Flask

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
#: What ``create_app`` arguments accept: a callable returning the app.
_AppFactory = t.Callable[..., "Flask"]
#: Command line arguments as click hands them over.
_Argv = list[str]


class NoAppException(click.UsageError):
    """No application could be loaded from what the command line named."""


def _flask_class() -> type[Flask]:
    from .app import Flask

    return Flask


def _app_hint(module: ModuleType) -> str:
    """The sentence telling how to name the app inside ``module`` explicitly."""
    return f"Name the one to use with '{module.__name__}:name'."


def _call_factory(
    factory: t.Callable[..., t.Any],
    args: t.Sequence[t.Any],
    kwargs: t.Mapping[str, t.Any],
    complaint: str,
) -> t.Any:
    """Call an application factory. A :exc:`TypeError` caused by the call's
    arguments (not raised inside the factory) becomes :exc:`NoAppException`
    with the text ``complaint``."""
    try:
        return factory(*args, **kwargs)
    except TypeError as error:
        if _called_with_wrong_args(factory):
            raise NoAppException(complaint) from error
        raise


def find_best_app(module: ModuleType) -> Flask:
    """Pick the application in an imported module.

    Tries, in order: an attribute named ``app`` or ``application``; the only
    application instance in the module; a factory named ``create_app`` or
    ``make_app`` called without arguments.

    :raise NoAppException: when none or several candidates are found.
    """
    flask_class = _flask_class()
    well_known = (getattr(module, name, None) for name in ("app", "application"))
    chosen = next((value for value in well_known if isinstance(value, flask_class)), None)
    if chosen is not None:
        return chosen

    instances = [value for value in vars(module).values() if isinstance(value, flask_class)]
    if len(instances) > 1:
        raise NoAppException(
            f"Module '{module.__name__}' holds more than one Flask application. {_app_hint(module)}"
        )
    if instances:
        return instances[0]

    factories = {name: getattr(module, name, None) for name in ("create_app", "make_app")}
    for name, factory in factories.items():
        if inspect.isfunction(factory):
            made = _call_factory(
                factory,
                (),
                {},
                f"'{name}' in module '{module.__name__}' looks like an app factory"
                " but needs arguments; give them as"
                f" '{module.__name__}:{name}(args)'.",
            )
            if isinstance(made, flask_class):
                return made

    raise NoAppException(
        f"Found no Flask application in module '{module.__name__}' (looked for"
        " 'app', 'application', a lone instance, and a 'create_app' or"
        f" 'make_app' factory). {_app_hint(module)}"
    )


def _called_with_wrong_args(f: t.Callable[..., Flask]) -> bool:
    """Tell whether the ``TypeError`` being handled came from calling ``f``
    with the wrong arguments, rather than from inside ``f``: then no frame of
    the traceback runs ``f``'s code."""
    code = getattr(f, "__code__", None)
    frames = traceback.walk_tb(sys.exc_info()[2])
    return all(frame.f_code is not code for frame, _line in frames)


#: Messages for ``--app`` values that are not ``name`` or ``name(literals)``.
_EXPRESSION_ERRORS = {
    "syntax": "Cannot make sense of {!r}: give a variable name such as 'app' or a"
    " factory call such as 'create_app()'.",
    "callee": "{!r} does not call a bare name; call a factory of the module"
    " directly, as in 'create_app()'.",
    "literal": "The arguments in {!r} have to be Python literals (strings, numbers,"
    " tuples, lists, dicts, booleans or None).",
}


def _bad_expression(kind: str, app_name: str) -> NoAppException:
    return NoAppException(_EXPRESSION_ERRORS[kind].format(app_name))


def _parse_app_expression(app_name: str) -> tuple[str, list[t.Any], dict[str, t.Any]]:
    """Split ``"name"`` or ``"factory(args)"`` into a name and literal
    arguments."""
    try:
        node = ast.parse(app_name.strip(), mode="eval").body
    except SyntaxError:
        raise _bad_expression("syntax", app_name) from None

    if isinstance(node, ast.Name):
        return node.id, [], {}
    if not isinstance(node, ast.Call):
        raise _bad_expression("syntax", app_name)
    if not isinstance(node.func, ast.Name):
        raise _bad_expression("callee", app_name)
    # literal_eval's own ValueError does not say which argument is wrong, so
    # the message quotes the whole expression.
    try:
        positional = list(map(ast.literal_eval, node.args))
        named = {item.arg: ast.literal_eval(item.value) for item in node.keywords if item.arg}
    except ValueError:
        raise _bad_expression("literal", app_name) from None
    return node.func.id, positional, named


_MISSING: t.Any = object()


def find_app_by_string(module: ModuleType, app_name: str) -> Flask:
    """Resolve ``app_name`` in ``module``: an attribute holding an app, or a
    factory call such as ``create_app('dev', debug=True)`` whose arguments
    are Python literals.

    :raise NoAppException: when the name does not lead to an application.
    """
    name, args, kwargs = _parse_app_expression(app_name)
    where = module.__name__
    found = getattr(module, name, _MISSING)
    if found is _MISSING:
        raise NoAppException(f"Module {where!r} has no attribute {name!r}.")
    if inspect.isfunction(found):
        complaint = (
            f"The call {app_name!r} does not match the parameters of that"
            f" factory in module {where!r}."
        )
        found = _call_factory(found, args, kwargs, complaint)
    if not isinstance(found, _flask_class()):
        kind = type(found).__name__
        raise NoAppException(
            f"What '{where}:{app_name}' names is a {kind} object, not a Flask application."
        )
    return found


def prepare_import(path: str) -> str:
    """Turn a file or package path into an importable module name, putting
    the directory above the outermost package first on ``sys.path``.

    ``src/pkg/app.py`` (with ``src/pkg/__init__.py``) gives ``"pkg.app"``
    and makes ``src`` importable.
    """
    location = os.path.realpath(path)
    if os.path.splitext(location)[1] == ".py":
        location = location[:-3]
    directory, name = os.path.split(location)
    if name == "__init__":
        directory, name = os.path.split(directory)

    # Climb while the directory is itself a package.
    dotted = [name]
    while os.path.exists(os.path.join(directory, "__init__.py")):
        directory, name = os.path.split(directory)
        dotted.insert(0, name)

    if sys.path[0] != directory:
        sys.path.insert(0, directory)
    return ".".join(dotted)


def _import_or_none(module_name: str) -> ModuleType | None:
    """Import ``module_name``; ``None`` when that module (or a package above
    it) does not exist. Any other import failure, including a missing module
    imported *by* it, becomes :exc:`NoAppException` with the traceback."""
    try:
        __import__(module_name)
    except ImportError as error:
        missing = error.name if isinstance(error, ModuleNotFoundError) else None
        if missing is None or not (module_name + ".").startswith(missing + "."):
            details = traceback.format_exc()
            problem = f"Module {module_name!r} was found, but importing it raised an ImportError"
            raise NoAppException(f"{problem}:\n\n{details}") from None
        return None
    return sys.modules[module_name]


def locate_app(
    module_name: str, app_name: str | None, raise_if_not_found: bool = True
) -> Flask | None:
    """Import ``module_name`` and find the app in it, by ``app_name`` when
    given (see :func:`find_app_by_string`) or by :func:`find_best_app`.

    :param raise_if_not_found: when ``False``, a module that does not exist
        returns ``None`` instead of raising; errors raised while importing
        an existing module always propagate as :exc:`NoAppException`.
    :return: the application, or ``None`` (see ``raise_if_not_found``).
    """
    module = _import_or_none(module_name)
    if module is None:
        if raise_if_not_found:
            raise NoAppException(f"There is no module {module_name!r} to import.")
        return None
    if app_name is None:
        return find_best_app(module)
    return find_app_by_string(module, app_name)


def _consumed_option(
    names: str, callback: t.Callable[..., t.Any], text: str, *, eager: bool = True, **more: t.Any
) -> click.Option:
    """Build an option whose value only its ``callback`` sees (the command
    function is not passed it). Eager by default: processed before the
    other parameters, and before ``--help`` lists the commands.

    :param names: the option's declarations, separated by spaces.
    :param text: the help text.
    """
    return click.Option(
        names.split(), callback=callback, help=text, is_eager=eager, expose_value=False, **more
    )


#: The Flask release whose API this package follows, for ``--version``.
_FLASK_API_VERSION = "3.1"


def get_version(ctx: click.Context, param: click.Parameter, value: t.Any) -> None:
    """``--version`` callback: print the Python, Flask (API) and Werkzeug
    versions, one per line, and exit."""
    if ctx.resilient_parsing or not value:
        return
    versions = {
        "Python": platform.python_version(),
        "Flask": _flask_version(),
        "Werkzeug": importlib.metadata.version("werkzeug"),
    }
    report = "\n".join(f"{name} {number}" for name, number in versions.items())
    click.echo(report, color=ctx.color)
    ctx.exit()


def _flask_version() -> str:
    """What the ``Flask`` line of ``--version`` says.

    In drop-in mode the program believes it runs Flask, and tools parse that
    line, so it reads as Flask's own: the installed Flask distribution's
    version. Otherwise it names the Flask API impl follows, and impl.
    """
    from .globals import _package_name

    if _package_name() == "flask":
        try:
            return importlib.metadata.version("flask")
        except importlib.metadata.PackageNotFoundError:
            pass
    return f"{_FLASK_API_VERSION} (impl)"


version_option = _consumed_option(
    "--version", get_version, "Print the Python, Flask and Werkzeug versions.", is_flag=True
)


_NO_APP_FOUND = (
    "No Flask application to load: name one with 'flask --app' or the"
    " 'FLASK_APP' environment variable, or put a 'wsgi.py' or 'app.py' file in"
    " the current directory."
)

#: ``module:name`` splits at the first colon not starting a Windows path
#: (``C:\\app.py``).
_APP_PATH_SPLIT = re.compile(r":(?![\\/])")


class ScriptInfo:
    """What the command line knows about the application to load; commands
    receive it through :data:`pass_script_info` and call :meth:`load_app`.

    :param app_import_path: ``module:name`` or a file path, as given to
        ``--app`` or ``FLASK_APP``.
    :param create_app: a factory called instead of importing anything.
    :param set_debug_flag: set ``app.debug`` from ``FLASK_DEBUG`` on load.
    :param load_dotenv_defaults: load ``.flaskenv`` and ``.env``.
    """

    def __init__(
        self,
        app_import_path: str | None = None,
        create_app: _AppFactory | None = None,
        set_debug_flag: bool = True,
        load_dotenv_defaults: bool = True,
    ):
        self._app: Flask | None = None
        # FLASK_SKIP_DOTENV can veto loading the default files.
        self.load_dotenv_defaults = get_load_dotenv(load_dotenv_defaults)
        self.set_debug_flag = set_debug_flag
        self.create_app = create_app
        self.app_import_path = app_import_path
        #: Free storage for extensions and custom commands.
        self.data: dict[t.Any, t.Any] = {}

    def _lookups(self) -> t.Iterator[t.Callable[[], Flask | None]]:
        """The ways to obtain the app, tried in order until one gives it."""
        if self.create_app is not None:
            yield self.create_app
        elif self.app_import_path:
            module_path, *name = _APP_PATH_SPLIT.split(self.app_import_path, maxsplit=1)
            yield lambda: locate_app(prepare_import(module_path), (name or [None])[0])
        else:
            for default in ("wsgi.py", "app.py"):
                yield partial(_locate_default, default)

    def load_app(self) -> Flask:
        """Load the application once and return it on every call.

        Uses :attr:`create_app` if set, else :attr:`app_import_path`, else
        looks for ``wsgi.py`` then ``app.py`` in the working directory.
        """
        if self._app is not None:
            return self._app
        found = (lookup() for lookup in self._lookups())
        app = next((each for each in found if each is not None), None)
        if app is None:
            raise NoAppException(_NO_APP_FOUND)
        if self.set_debug_flag:
            # The property setter, so settings derived from debug follow.
            app.debug = get_debug_flag()
        self._app = app
        return self._app


def _locate_default(filename: str) -> Flask | None:
    return locate_app(prepare_import(filename), None, raise_if_not_found=False)


#: Decorator passing the current :class:`ScriptInfo` as first argument.
pass_script_info = click.make_pass_decorator(ScriptInfo, ensure=True)


def with_appcontext(f: F) -> F:
    """Run a command callback inside the application's context, loading the
    app first if no context is active. Commands registered through
    ``app.cli`` or :class:`AppGroup` get this automatically."""

    @click.pass_context
    def in_app_context(ctx: click.Context, /, *args: t.Any, **kwargs: t.Any) -> t.Any:
        if _cv_app.get(None) is None:
            info = ctx.ensure_object(ScriptInfo)
            ctx.with_resource(info.load_app().app_context())
        return ctx.invoke(f, *args, **kwargs)

    return update_wrapper(in_app_context, f)  # type: ignore[return-value]


class AppGroup(click.Group):
    """A :class:`click.Group` whose commands run in the application context
    (pass ``with_appcontext=False`` to opt out) and whose subgroups are
    :class:`AppGroup` too."""

    def command(  # type: ignore[override]
        self, *args: t.Any, **kwargs: t.Any
    ) -> t.Callable[[t.Callable[..., t.Any]], click.Command]:
        """Like :meth:`click.Group.command`, wrapping the callback with
        :func:`with_appcontext` unless ``with_appcontext=False``."""
        in_context = kwargs.pop("with_appcontext", True)
        make_command = super().command(*args, **kwargs)

        def register(callback: t.Callable[..., t.Any]) -> click.Command:
            return make_command(with_appcontext(callback) if in_context else callback)

        return register

    def group(  # type: ignore[override]
        self, *args: t.Any, **kwargs: t.Any
    ) -> t.Callable[[t.Callable[..., t.Any]], click.Group]:
        """Like :meth:`click.Group.group`, defaulting ``cls`` to
        :class:`AppGroup`."""
        return super().group(*args, **{"cls": AppGroup, **kwargs})  # type: ignore[no-any-return]


def _set_app(ctx: click.Context, param: click.Option, value: str | None) -> str | None:
    if value is not None:
        ctx.ensure_object(ScriptInfo).app_import_path = value
    return value


_app_option = _consumed_option(
    "-A --app",
    _set_app,
    "The application to load, as 'module:name'. The module is a dotted import"
    " name or a file path. The name may be left out when it is 'app',"
    " 'application', 'create_app' or 'make_app'; 'name(args)' calls a factory"
    " with literal arguments.",
    metavar="IMPORT",
)

_DEFAULT_SOURCES = (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _set_debug(ctx: click.Context, param: click.Option, value: bool) -> bool | None:
    # Only an explicit flag counts; the default must not override
    # FLASK_DEBUG already in the environment.
    if ctx.get_parameter_source(param.name) in _DEFAULT_SOURCES:  # type: ignore[arg-type]
        return None
    # Through the environment, so factories and the reloader's child
    # process see it too.
    os.environ["FLASK_DEBUG"] = str(int(bool(value)))
    return value


_debug_option = _consumed_option(
    "--debug/--no-debug", _set_debug, "Turn debug mode on or off.", eager=False
)


def _env_file_callback(ctx: click.Context, param: click.Option, value: str | None) -> str | None:
    dotenv_missing = importlib.util.find_spec("dotenv") is None
    if dotenv_missing and value is not None:
        raise click.BadParameter(
            "python-dotenv is not installed, and reading an env file needs it.",
            ctx=ctx,
            param=param,
        )
    # Loaded even without --env-file, so default files apply before the app
    # is imported (or, without python-dotenv, so a tip can be shown).
    with_defaults = ctx.obj.load_dotenv_defaults
    if with_defaults or value is not None:
        load_dotenv(value, load_defaults=with_defaults)
    return value


_env_file_option = _consumed_option(
    "-e --env-file",
    _env_file_callback,
    "A dotenv file to load environment variables from. It overrides '.env'"
    " and '.flaskenv'; variables already in the environment override all"
    " files. Needs python-dotenv.",
    type=click.Path(exists=True, dir_okay=False),
)


def _load_app_or_report(info: ScriptInfo) -> Flask | None:
    """Load the app, printing the error instead when it cannot be found, so
    built-in commands keep working without an app."""
    try:
        return info.load_app()
    except NoAppException as error:
        click.secho(f"Error: {error.format_message()}\n", err=True, fg="red")
    return None


class FlaskGroup(AppGroup):
    """The root command group: adds ``--app``, ``--env-file``, ``--debug``
    and ``--version``, the built-in commands, commands from the
    ``flask.commands`` entry point group, and those of the loaded app's
    ``app.cli``.

    :param add_default_commands: add ``run``, ``shell`` and ``routes``.
    :param create_app: factory used to load the app instead of ``--app``.
    :param add_version_option: add ``--version``.
    :param load_dotenv: load ``.env`` and ``.flaskenv`` files.
    :param set_debug_flag: set ``app.debug`` from ``--debug``/``FLASK_DEBUG``.
    """

    def __init__(
        self,
        add_default_commands: bool = True,
        create_app: _AppFactory | None = None,
        add_version_option: bool = True,
        load_dotenv: bool = True,
        set_debug_flag: bool = True,
        **extra: t.Any,
    ):
        self.create_app = create_app
        self.load_dotenv = load_dotenv
        self.set_debug_flag = set_debug_flag
        extra.setdefault("context_settings", {}).setdefault("auto_envvar_prefix", "FLASK")
        self._loaded_plugin_commands = False
        # Behaviour lives in option callbacks, leaving the group callback
        # free for users; --env-file goes first so it runs before --app.
        own_options = [_env_file_option, _app_option, _debug_option]
        if add_version_option:
            own_options.append(version_option)
        super().__init__(params=[*(extra.pop("params", None) or ()), *own_options], **extra)
        builtins = (run_command, shell_command, routes_command)
        for command in builtins if add_default_commands else ():
            self.add_command(command)

    def _load_plugin_commands(self) -> None:
        """Add commands that installed packages declare in the
        ``flask.commands`` entry point group, once."""
        if not self._loaded_plugin_commands:
            self._loaded_plugin_commands = True
            for plugin in importlib.metadata.entry_points(group="flask.commands"):
                self.add_command(plugin.load(), plugin.name)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        self._load_plugin_commands()
        # Built-in and plugin commands work even when the app cannot load.
        own = super().get_command(ctx, name)
        return own if own is not None else self._app_command(ctx, name)

    def _app_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Look ``name`` up in the loaded app's ``app.cli``."""
        app = _load_app_or_report(ctx.ensure_object(ScriptInfo))
        if app is None:
            return None
        # Push the app's context (unless it is already current) so option
        # and command callbacks can use it without @with_appcontext.
        active = _cv_app.get(None)
        if active is None or active.app is not app:
            ctx.with_resource(app.app_context())
        return app.cli.get_command(ctx, name)  # type: ignore[no-any-return]

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands()
        names = set(super().list_commands(ctx))
        # Listing happens for --help: report a broken app but keep going so
        # the built-in commands are still shown.
        try:
            app = _load_app_or_report(ctx.ensure_object(ScriptInfo))
        except Exception:
            click.secho(f"{traceback.format_exc()}\n", err=True, fg="red")
        else:
            if app is not None:
                names.update(app.cli.list_commands(ctx))
        return sorted(names)

    def make_context(
        self,
        info_name: str | None,
        args: _Argv,
        parent: click.Context | None = None,
        **extra: t.Any,
    ) -> click.Context:
        given = extra.keys() | self.context_settings.keys()
        if "obj" not in given:
            extra["obj"] = self._script_info()
        # Tells app.run() it was started by the CLI, making it a no-op
        # instead of starting a second server during the import.
        os.environ["FLASK_RUN_FROM_CLI"] = "true"
        return super().make_context(info_name, args, parent, **extra)

    def _script_info(self) -> ScriptInfo:
        """A new :class:`ScriptInfo` set up as this group was configured."""
        return ScriptInfo(
            load_dotenv_defaults=self.load_dotenv,
            create_app=self.create_app,
            set_debug_flag=self.set_debug_flag,
        )

    def parse_args(self, ctx: click.Context, args: _Argv) -> _Argv:
        help_only = len(args) == 1 and args[0] in self.get_help_option_names(ctx)
        if help_only or (self.no_args_is_help and not args):
            # Help exits during parsing, before eager options run: process
            # the env file and --app (from the environment) now, so the
            # app's commands get listed.
            for option in (_env_file_option, _app_option):
                option.handle_parse_result(ctx, {}, [])
        return super().parse_args(ctx, args)


def _path_is_ancestor(path: str, other: str) -> bool:
    """Tell whether ``other`` is ``path`` or lies inside directory ``path``."""
    base = path.rstrip(os.sep)
    return other == path or other.startswith(base + os.sep)


def load_dotenv(path: str | os.PathLike[str] | None = None, load_defaults: bool = True) -> bool:
    """Load environment variables from dotenv files without overriding
    variables already set.

    The nearest ``.flaskenv`` and ``.env`` (searched upwards from the working
    directory) are read first when ``load_defaults`` is true, then ``path``,
    later files winning over earlier ones.

    :return: whether any variable was read from a file.
    """
    try:
        import dotenv
    except ImportError:
        files_present = bool(path) or any(map(os.path.isfile, (".env", ".flaskenv")))
        if files_present:
            tip = (
                " * Tip: dotenv files are present but stay unread until python-dotenv is installed."
            )
            click.secho(tip, fg="yellow", err=True)
        return False

    sources: list[str | os.PathLike[str]] = []
    if load_defaults:
        found = (dotenv.find_dotenv(name, usecwd=True) for name in (".flaskenv", ".env"))
        sources.extend(filter(None, found))
    if path is not None and os.path.isfile(path):
        sources.append(path)

    values: dict[str, str | None] = {}
    for source in sources:
        values.update(dotenv.dotenv_values(source, encoding="utf-8"))
    for key, value in values.items():
        if value is not None:
            os.environ.setdefault(key, value)
    return bool(values)


def show_server_banner(debug: bool, app_import_path: str | None) -> None:
    """Print which app is served and whether debug mode is on (once, not
    again in the reloader's child process)."""
    if is_running_from_reloader():
        return
    banner = []
    if app_import_path is not None:
        banner.append(f" * App: {app_import_path}")
    if debug is not None:
        banner.append(" * Debug mode: " + ("on" if debug else "off"))
    for line in banner:
        click.echo(line)


def _is_ssl_context(value: t.Any) -> bool:
    try:
        import ssl
    except ImportError:  # Python built without SSL
        return False
    return isinstance(value, ssl.SSLContext)


def _existing_file() -> click.Path:
    """The click type of an existing file, resolved to an absolute path."""
    return click.Path(exists=True, dir_okay=False, resolve_path=True)


class CertParamType(click.ParamType):
    """``--cert`` value: a certificate file, ``"adhoc"`` for a generated
    certificate, or the import path of an :class:`ssl.SSLContext`."""

    name = "path"

    def __init__(self) -> None:
        super().__init__()
        #: Validates the value when it is a file.
        self.path_type = _existing_file()

    def convert(
        self, value: t.Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> t.Any:
        if importlib.util.find_spec("ssl") is None:
            raise click.BadParameter(
                'This Python has no SSL support (no "ssl" module), which "--cert" needs.',
                ctx,
                param,
            )
        with suppress(click.BadParameter):
            return self.path_type(value, param, ctx)

        text = click.STRING(value, param, ctx).lower()
        if text != "adhoc":
            context = import_string(text, silent=True)
            if _is_ssl_context(context):
                return context
            # Neither a file nor a context: report the file error.
            return self.path_type(value, param, ctx)
        # Imported, not just looked up: an installed but broken library (or
        # one a program blocked in sys.modules) must fail here, as a usage
        # error, and not when the server starts.
        try:
            import cryptography  # noqa: F401
        except ImportError:
            raise click.BadParameter(
                "An ad-hoc certificate is generated with the cryptography library,"
                " which could not be imported.",
                ctx,
                param,
            ) from None
        return text


def _validate_key(ctx: click.Context, param: click.Parameter, value: t.Any) -> t.Any:
    """Check ``--key`` against ``--cert`` and merge them into a
    ``(cert, key)`` pair for the server."""
    cert = ctx.params.get("cert")
    generated = cert == "adhoc"
    from_context = _is_ssl_context(cert)

    if value is None:
        if cert and not generated and not from_context:
            raise click.BadParameter(
                'The certificate file given with "--cert" needs its private key here.',
                ctx,
                param,
            )
        return None
    if generated:
        raise click.BadParameter(
            'An "adhoc" "--cert" makes its own key, so leave this option out.', ctx, param
        )
    if from_context:
        raise click.BadParameter(
            '"--key" cannot be combined with a "--cert" naming an SSLContext, which'
            " already holds its key.",
            ctx,
            param,
        )
    if not cert:
        raise click.BadParameter(
            'A key goes with a "--cert" certificate file, and none was given.', ctx, param
        )
    ctx.params["cert"] = (cert, value)
    return value


class SeparatedPathType(click.Path):
    """A list of paths in one value, separated like ``PATH`` entries
    (``:``, or ``;`` on Windows); each is validated as a :class:`click.Path`."""

    def convert(
        self, value: t.Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> t.Any:
        convert_one = super().convert
        return [convert_one(item, param, ctx) for item in self.split_envvar_value(value)]


class _FailedApp:
    """WSGI app standing in for one that failed to load: re-raises the
    loading error on every request."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> t.Any:
        raise self.error from None


def _app_to_serve(info: ScriptInfo) -> t.Any:
    try:
        return info.load_app()
    except Exception as error:
        if not is_running_from_reloader():
            raise error from None
        # In the reloader's child, keep serving so that fixing the code
        # reloads it; show the error for every request meanwhile.
        traceback.print_exc()
        return _FailedApp(error)


#: ``run`` parameter name -> :func:`werkzeug.serving.run_simple` argument.
_TO_RUN_SIMPLE = {
    "reload": "use_reloader",
    "debugger": "use_debugger",
    "with_threads": "threaded",
    "cert": "ssl_context",
    "extra_files": "extra_files",
    "exclude_patterns": "exclude_patterns",
}


def _run(info: ScriptInfo, /, host: str, port: int, **chosen: t.Any) -> None:
    app = _app_to_serve(info)
    debug = get_debug_flag()
    # --reload and --debugger follow debug mode unless given.
    for follows_debug in ("reload", "debugger"):
        if chosen[follows_debug] is None:
            chosen[follows_debug] = debug
    show_server_banner(debug, info.app_import_path)
    server_args = {_TO_RUN_SIMPLE[key]: value for key, value in chosen.items()}
    run_simple(host, port, app, **server_args)


_path_list_note = f"Several are separated by {os.path.pathsep!r}."

#: The ``run`` options after ``--debug``: declarations and click settings.
_RUN_OPTIONS: tuple[tuple[str, dict[str, t.Any]], ...] = (
    ("-h --host", {"default": "127.0.0.1", "help": "Address to listen on."}),
    ("-p --port", {"default": 5000, "help": "Port to listen on."}),
    (
        "--cert",
        {
            "type": CertParamType(),
            "is_eager": True,
            "help": "Serve HTTPS with this certificate file, 'adhoc' for a"
            " generated one, or the import path of an SSLContext.",
        },
    ),
    (
        "--key",
        {
            "type": _existing_file(),
            "callback": _validate_key,
            "expose_value": False,
            "help": "Private key file that goes with a '--cert' file.",
        },
    ),
    (
        "--reload/--no-reload",
        {"default": None, "help": "Restart on code changes. Follows debug mode if not given."},
    ),
    (
        "--debugger/--no-debugger",
        {
            "default": None,
            "help": "Show the interactive debugger on errors. Follows debug mode if not given.",
        },
    ),
    (
        "--with-threads/--without-threads",
        {"default": True, "help": "Handle requests in threads."},
    ),
    (
        "--extra-files",
        {
            "type": SeparatedPathType(),
            "help": f"More files whose changes restart the server. {_path_list_note}",
        },
    ),
    (
        "--exclude-patterns",
        {
            "type": SeparatedPathType(),
            "help": "fnmatch patterns of files whose changes do not restart the"
            f" server. {_path_list_note}",
        },
    ),
)

run_command = click.Command(
    "run",
    callback=pass_script_info(_run),
    short_help="Start the development server.",
    help="""Serve the application with Werkzeug's development server.

    Meant for development only: it lacks the stability, security and
    performance of a production WSGI server.

    With '--debug' the reloader and the debugger are on by default.
    """,
    params=[_debug_option, *(click.Option(d.split(), **o) for d, o in _RUN_OPTIONS)],
)


def _startup_names() -> dict[str, t.Any]:
    """Run the ``PYTHONSTARTUP`` script, as the plain interpreter would, and
    return the names it defines."""
    names: dict[str, t.Any] = {}
    script = os.environ.get("PYTHONSTARTUP") or ""
    if os.path.isfile(script):
        source = Path(script).read_text()
        exec(compile(source, script, "exec"), names)
    return names


def _shell() -> None:
    import code

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    banner = "\n".join(
        (
            f"Python {sys.version} on {sys.platform}",
            f"App: {app.import_name}",
            f"Instance: {app.instance_path}",
        )
    )
    namespace = {**_startup_names(), **app.make_shell_context()}
    _set_up_prompt(namespace)
    code.interact(banner=banner, local=namespace)


def _set_up_prompt(namespace: dict[str, t.Any]) -> None:
    """Give the shell the history and completion of the default interactive
    prompt, completing names of the shell's namespace rather than those of
    ``__main__``."""
    hook = getattr(sys, "__interactivehook__", None)
    if hook is None:
        return
    with suppress(ImportError):
        import readline
        from rlcompleter import Completer

        readline.set_completer(Completer(namespace).complete)
    hook()


shell_command = click.Command(
    "shell",
    callback=with_appcontext(_shell),
    short_help="Open a Python shell with the app loaded.",
    help="""Start an interactive Python shell inside the application context.

    The namespace holds what the app's shell context processors provide,
    which makes quick management snippets easy to run.
    """,
)


def _routes(sort: str, all_methods: bool) -> None:
    url_map = current_app.url_map
    rules = list(url_map.iter_rules())
    if not rules:
        click.echo("No routes were registered.")
        return

    hidden = frozenset() if all_methods else frozenset(("HEAD", "OPTIONS"))
    by_host = url_map.host_matching

    def domain_of(rule: t.Any) -> str:
        return (rule.host if by_host else rule.subdomain) or ""

    show_domain = any(domain_of(rule) for rule in rules)
    columns = ["endpoint", "methods", *(["domain"] if show_domain else []), "rule"]
    headers = {
        "endpoint": "Endpoint",
        "methods": "Methods",
        "domain": "Host" if by_host else "Subdomain",
        "rule": "Rule",
    }
    rows = []
    for rule in rules:
        cells = {
            "endpoint": rule.endpoint,
            "methods": ", ".join(sorted((rule.methods or set()) - hidden)),
            "domain": domain_of(rule),
            "rule": rule.rule,
        }
        rows.append([cells[column] for column in columns])

    # "match" keeps the map's own order.
    if sort in columns:
        rows.sort(key=itemgetter(columns.index(sort)))

    table = [[headers[column] for column in columns], *rows]
    widths = [max(len(row[index]) for row in table) for index in range(len(columns))]
    table.insert(1, ["-" * width for width in widths])
    for row in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


_ROUTE_ORDERS = ("endpoint", "methods", "domain", "rule", "match")

routes_command = click.Command(
    "routes",
    callback=with_appcontext(_routes),
    short_help="List the app's URL rules.",
    help="List every URL rule of the app with its endpoint and methods.",
    params=[
        click.Option(
            ["-s", "--sort"],
            default="endpoint",
            type=click.Choice(_ROUTE_ORDERS),
            help="Column to sort by; 'match' keeps the order in which rules are"
            " tried against a request.",
        ),
        click.Option(
            ["--all-methods"], is_flag=True, help="Include HEAD and OPTIONS in the methods."
        ),
    ],
)


cli = FlaskGroup(
    help="""\
Manage and serve a Flask application.

Name the application to load with the '--app' option or the 'FLASK_APP'
environment variable, or put a 'wsgi.py' or 'app.py' file in the current
directory.
""",
    name="flask",
)


def main() -> None:
    """The ``flask`` script's entry point (``python -m impl`` runs it too)."""
    cli.main()


if __name__ == "__main__":  # python -m impl.cli
    cli.main()
