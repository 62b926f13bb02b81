"""What applications and blueprints share: routes, hooks, error handlers, files.

Every registry is a dict keyed by *scope*: ``None`` for the object itself and,
on an application, the dotted blueprint name (``"bp"``, ``"parent.child"``)
for hooks copied in from blueprints. Extensions read and write these dicts
directly, so their names and shapes are part of the API.
"""

from __future__ import annotations

import os
import typing as t
from collections import defaultdict
from datetime import timedelta
from functools import update_wrapper

from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.utils import cached_property

from .globals import current_app
from .helpers import get_root_path, send_from_directory
from .templating import _default_template_ctx_processor

if t.TYPE_CHECKING:
    from jinja2 import BaseLoader

    from .wrappers import Response

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
T_route = t.TypeVar("T_route", bound=t.Callable[..., t.Any])
T_before_request = t.TypeVar("T_before_request", bound=t.Callable[..., t.Any])
T_after_request = t.TypeVar("T_after_request", bound=t.Callable[..., t.Any])
T_teardown = t.TypeVar("T_teardown", bound=t.Callable[..., t.Any])
T_template_context_processor = t.TypeVar(
    "T_template_context_processor", bound=t.Callable[..., t.Any]
)
T_url_value_preprocessor = t.TypeVar("T_url_value_preprocessor", bound=t.Callable[..., t.Any])
T_url_defaults = t.TypeVar("T_url_defaults", bound=t.Callable[..., t.Any])
T_error_handler = t.TypeVar("T_error_handler", bound=t.Callable[..., t.Any])
_Decorator = t.Callable[[T_route], T_route]
#: What error handlers are registered for: a status code or exception class.
_HandlerKey = type[Exception] | int
_OptionalText = str | None
_OptionalFlag = bool | None
_View = t.Callable[..., t.Any]

#: A folder argument: a path, or ``None`` for "no such folder".
_Folder = str | os.PathLike[str] | None

#: Marks "argument not given" where ``None`` is a meaningful value.
_sentinel = object()


def setupmethod(method: F) -> F:
    """Decorate a registration method so it refuses to run once setup is over.

    Registering hooks or routes after the app served a request (or after a
    blueprint was registered) would apply inconsistently, so it is an error.
    """
    name = method.__name__

    def checked(self: Scaffold, *args: t.Any, **kwargs: t.Any) -> t.Any:
        if self._setup_closed:
            raise AssertionError(
                f"{self!r} no longer accepts the setup method {name!r}: {self._closed_because}, so the"
                " change would apply to some requests and not others. Finish all"
                " setup (imports, decorators, registrations) before that point."
            )
        return method(self, *args, **kwargs)

    return update_wrapper(checked, method)  # type: ignore[return-value]


def _registering(register: t.Callable[[t.Any], object]) -> _Decorator:
    """A decorator that hands the function to *register* and returns it unchanged."""

    def decorator(f: T_route) -> T_route:
        register(f)
        return f

    return decorator


_NOT_AN_EXCEPTION = (
    "Error handlers are registered for an HTTP status code or an Exception"
    " subclass; {!r} is neither."
)
_REGISTER_INSTEAD = "Register error handlers for an Exception subclass or an HTTP status code."


def _handler_key(key: _HandlerKey) -> tuple[type[Exception], int | None]:
    """Normalise an error handler key to ``(exception class, status code or None)``.

    A status code becomes Werkzeug's exception class for it, and an HTTP
    exception class brings its own code.
    """
    if isinstance(key, int):
        if key not in default_exceptions:
            raise ValueError(
                f"There is no HTTP exception for code {key}. Use a subclass of"
                " HTTPException carrying that code, and register the handler for it."
            )
        return default_exceptions[key], key
    if isinstance(key, Exception):
        raise TypeError(f"{key!r} is an instance, not a class. {_REGISTER_INSTEAD}")
    if not isinstance(key, type):
        # Not a class at all (a string, None ...): a TypeError, as in Flask.
        raise TypeError(_NOT_AN_EXCEPTION.format(key))
    if not issubclass(key, Exception):
        raise ValueError(f"{key.__name__!r} is not a subclass of Exception. {_REGISTER_INSTEAD}")
    return key, getattr(key, "code", None) if issubclass(key, HTTPException) else None


def _endpoint_from_view_func(view_func: t.Callable[..., t.Any] | None) -> str:
    """Default endpoint name of a view: the function's name."""
    if view_func is None:
        raise AssertionError("A rule without an endpoint needs a view function to name it.")
    return view_func.__name__


def _make_cli_group(name: str) -> t.Any:
    """A command group for an app's or blueprint's CLI commands, named *name*."""
    from .cli import AppGroup

    group = AppGroup()
    group.name = name
    return group


class _LazyCliGroup:
    """The ``cli`` attribute of apps and blueprints: their command group,
    made on first use so that Click and :mod:`impl.cli` (about 12 ms to
    import) load only for programs that use the command line. Assigning
    ``cli`` replaces the group as with a plain attribute."""

    def __get__(self, instance: t.Any, owner: type | None = None) -> t.Any:
        if instance is None:
            return self
        group = instance.__dict__["cli"] = _make_cli_group(instance.name)
        return group


def _cli_group_made(owner: t.Any) -> bool:
    """Whether ``owner.cli`` exists yet; when it does not, it has no commands."""
    return "cli" in owner.__dict__ or not isinstance(type(owner).cli, _LazyCliGroup)


def _open_for_reading(folder: str, resource: str, mode: str, encoding: str | None) -> t.IO[t.Any]:
    """Open *resource* under *folder*; only read modes are allowed."""
    if mode not in ("r", "rt", "rb"):
        raise ValueError(f"resources are opened for reading only; mode {mode!r} would write")
    full_path = os.path.join(folder, resource)
    if "b" in mode:
        return open(full_path, "rb")
    return open(full_path, mode, encoding=encoding)


def _handlers_by_code() -> defaultdict[int | None, dict[type[Exception], t.Any]]:
    return defaultdict(dict)


class Scaffold:
    """Base of :class:`~impl.Flask` and :class:`~impl.Blueprint`.

    :param import_name: the module or package the object belongs to; its
        location is the default :attr:`root_path`.
    :param static_folder: folder of static files, relative to the root path.
    :param static_url_path: URL prefix of static files; defaults to the
        folder's name.
    :param template_folder: folder of templates, relative to the root path.
    :param root_path: directory other relative paths start from.
    """

    name: str
    _static_folder: str | None = None
    _static_url_path: str | None = None
    #: Set when registration methods stop working (see :func:`setupmethod`);
    #: :attr:`_closed_because` says why, for the error message.
    _setup_closed = False
    _closed_because = "setup is over"
    #: Command group for ``flask`` CLI commands, made on first use.
    cli = _LazyCliGroup()

    def __init__(
        self,
        import_name: str,
        static_folder: _Folder = None,
        static_url_path: _OptionalText = None,
        template_folder: _Folder = None,
        root_path: _OptionalText = None,
    ) -> None:
        self.import_name = import_name
        self.root_path = get_root_path(import_name) if root_path is None else root_path
        self.template_folder, self.static_folder = template_folder, static_folder  # type: ignore[assignment]
        self.static_url_path = static_url_path

        #: Endpoint name -> view function.
        self.view_functions: dict[str, t.Callable[..., t.Any]] = {}
        #: scope -> status code (or None) -> exception class -> handler.
        self.error_handler_spec: dict[
            str | None, dict[int | None, dict[type[Exception], t.Callable[..., t.Any]]]
        ] = defaultdict(_handlers_by_code)
        #: scope -> functions called before each request, in order.
        self.before_request_funcs: dict[str | None, list[t.Callable[..., t.Any]]] = defaultdict(
            list
        )
        #: scope -> functions called with the response, newest first.
        self.after_request_funcs: dict[str | None, list[t.Callable[..., t.Any]]] = defaultdict(list)
        #: scope -> functions called when the request context is popped.
        self.teardown_request_funcs: dict[str | None, list[t.Callable[..., t.Any]]] = defaultdict(
            list
        )
        #: scope -> functions returning extra template variables.
        self.template_context_processors: dict[str | None, list[t.Callable[..., t.Any]]] = (
            defaultdict(list, {None: [_default_template_ctx_processor]})
        )
        #: scope -> functions that may edit matched view arguments.
        self.url_value_preprocessors: dict[str | None, list[t.Callable[..., t.Any]]] = defaultdict(
            list
        )
        #: scope -> functions that may add values when building URLs.
        self.url_default_functions: dict[str | None, list[t.Callable[..., t.Any]]] = defaultdict(
            list
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    # -- files -------------------------------------------------------------

    @property
    def static_folder(self) -> str | None:
        """Absolute path of the static folder, or ``None`` when there is none."""
        folder = self._static_folder
        return None if folder is None else os.path.join(self.root_path, folder)

    @static_folder.setter
    def static_folder(self, value: _Folder) -> None:
        # Stored without trailing separators, so the default URL path is the
        # folder's base name.
        self._static_folder = None if value is None else os.fspath(value).rstrip("\\/")

    @property
    def has_static_folder(self) -> bool:
        """Whether a static folder is configured (it need not exist)."""
        return self._static_folder is not None

    @property
    def static_url_path(self) -> str | None:
        """URL prefix of the static route; the folder's name by default."""
        if self._static_url_path is not None:
            return self._static_url_path
        folder = self.static_folder
        if folder is None:
            return None
        return ("/" + os.path.basename(folder)).rstrip("/")

    @static_url_path.setter
    def static_url_path(self, value: str | None) -> None:
        self._static_url_path = None if value is None else value.rstrip("/")

    @cached_property
    def jinja_loader(self) -> BaseLoader | None:
        """Loader for :attr:`template_folder`, ``None`` when none is set."""
        if self.template_folder is None:
            return None
        from jinja2 import FileSystemLoader

        return FileSystemLoader(os.path.join(self.root_path, self.template_folder))

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        """Cache age in seconds for a sent file; ``SEND_FILE_MAX_AGE_DEFAULT``.

        ``None`` (the default setting) leaves caching to conditional requests.
        Override to vary it by *filename*.
        """
        configured = current_app.config["SEND_FILE_MAX_AGE_DEFAULT"]
        if not isinstance(configured, timedelta):
            return configured  # type: ignore[no-any-return]
        return int(configured.total_seconds())

    def send_static_file(self, filename: str) -> Response:
        """View serving *filename* from :attr:`static_folder`."""
        if not self.has_static_folder:
            raise RuntimeError(
                f"{self.name!r} has no 'static_folder' set, so it has no static files to serve"
            )
        return send_from_directory(
            t.cast(str, self.static_folder),
            filename,
            max_age=self.get_send_file_max_age(filename),
        )

    # -- routes ------------------------------------------------------------

    def _method_route(self, method: str, rule: str, options: dict[str, t.Any]) -> _Decorator:
        """``route`` limited to one method; a ``methods`` option is a mistake."""
        if "methods" not in options:
            return self.route(rule, **options, methods=[method])
        raise TypeError(
            f"The {method.lower()!r} shortcut sets the method itself; pass 'methods' to the"
            " 'route' decorator instead."
        )

    @setupmethod
    def get(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """``route(rule, methods=["GET"])``."""
        return self._method_route(method="GET", rule=rule, options=options)

    @setupmethod
    def post(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """``route(rule, methods=["POST"])``."""
        return self._method_route(method="POST", rule=rule, options=options)

    @setupmethod
    def put(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """``route(rule, methods=["PUT"])``."""
        return self._method_route(method="PUT", rule=rule, options=options)

    @setupmethod
    def delete(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """``route(rule, methods=["DELETE"])``."""
        return self._method_route(method="DELETE", rule=rule, options=options)

    @setupmethod
    def patch(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """``route(rule, methods=["PATCH"])``."""
        return self._method_route(method="PATCH", rule=rule, options=options)

    @setupmethod
    def route(self, rule: str, **options: t.Any) -> _Decorator[T_route]:
        """Decorate a view function to register it for the URL *rule*.

        :param rule: URL rule, e.g. ``"/user/<int:id>"``.
        :param options: ``endpoint``, ``methods`` and any
            :class:`~werkzeug.routing.Rule` option; see :meth:`add_url_rule`.
        """
        endpoint = options.pop("endpoint", None)
        return _registering(lambda view: self.add_url_rule(rule, endpoint, view, **options))

    def add_url_rule(
        self,
        rule: str,
        endpoint: _OptionalText = None,
        view_func: _View | None = None,
        provide_automatic_options: _OptionalFlag = None,
        **options: t.Any,
    ) -> None:
        """Register *view_func* for *rule* under *endpoint*.

        Abstract here: the application adds the rule to its URL map, a
        blueprint records it for registration time.
        """
        raise NotImplementedError

    @setupmethod
    def endpoint(self, endpoint: str) -> _Decorator[F]:
        """Decorate a function to be the view of *endpoint*, added by a rule elsewhere."""
        return _registering(lambda view: self.view_functions.update({endpoint: view}))

    # -- request hooks -----------------------------------------------------
    #
    # Each decorator appends to the object's own scope (``None``) of one
    # registry; blueprint registration later copies the lists into the app.

    def _own_hook(self, registry: str, f: T_route) -> T_route:
        getattr(self, registry)[None].append(f)
        return f

    @setupmethod
    def before_request(self, f: T_before_request) -> T_before_request:
        """Call *f* without arguments before each view.

        A non-``None`` return value stops processing: it becomes the response
        and the view is skipped. On a blueprint, only its requests are hooked.
        """
        return self._own_hook("before_request_funcs", f)

    @setupmethod
    def after_request(self, f: T_after_request) -> T_after_request:
        """Call *f* with each response; it returns the response to send.

        Not called when an unhandled exception ends the request.
        """
        return self._own_hook("after_request_funcs", f)

    @setupmethod
    def teardown_request(self, f: T_teardown) -> T_teardown:
        """Call *f* with the unhandled error (or ``None``) when a request ends.

        Teardown functions run even after errors; their return value is
        ignored and they must not raise.
        """
        return self._own_hook("teardown_request_funcs", f)

    @setupmethod
    def context_processor(self, f: T_template_context_processor) -> T_template_context_processor:
        """Merge the dict *f* returns into every template's context."""
        return self._own_hook("template_context_processors", f)

    @setupmethod
    def url_value_preprocessor(self, f: T_url_value_preprocessor) -> T_url_value_preprocessor:
        """Call ``f(endpoint, view_args)`` after matching, before the view.

        It may pop values from ``view_args`` (storing them on ``g``, say) so
        the view does not receive them.
        """
        return self._own_hook("url_value_preprocessors", f)

    @setupmethod
    def url_defaults(self, f: T_url_defaults) -> T_url_defaults:
        """Call ``f(endpoint, values)`` when building URLs, to fill in values."""
        return self._own_hook("url_default_functions", f)

    # -- error handlers ----------------------------------------------------

    @setupmethod
    def errorhandler(self, code_or_exception: _HandlerKey) -> _Decorator[T_error_handler]:
        """Decorate a function handling an HTTP status code or exception class.

        The handler gets the exception and returns a response value.
        """
        return _registering(lambda f: self.register_error_handler(code_or_exception, f))

    @setupmethod
    def register_error_handler(self, code_or_exception: _HandlerKey, f: _View) -> None:
        """Register *f* as the handler of a status code or exception class."""
        klass, status = _handler_key(code_or_exception)
        by_class = self.error_handler_spec[None][status]
        by_class[klass] = f

    #: ``(exception class, status code or None)`` for a handler key; the
    #: error handling code looks handlers up with it.
    _get_exc_class_and_code = staticmethod(_handler_key)
