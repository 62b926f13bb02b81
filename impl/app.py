"""The application object: configuration, registries and the WSGI entry point.

:class:`Flask` is the central object. It collects routes and hooks (through
the shared :class:`~impl.scaffold.Scaffold` methods and registered
blueprints) and, as a WSGI application, turns each environ into a response.

The request path is deliberately flat. ``wsgi_app`` pushes a request context,
``full_dispatch_request`` runs hooks and the view, ``finalize_request`` turns
the result into a response. Each step is a public method so subclasses can
override it, with the same signature as Flask's. While none of them is
overridden, ``wsgi_app`` hands the request to ``_serve_plainly``, which does
the same steps in one function and skips the ones with nothing registered.

Three groups of methods live in their own modules and are mixed in:
exception handling (:mod:`impl._errors`), the development server and test
helpers (:mod:`impl._running`), and ``_serve_plainly`` with the check that
allows it (:mod:`impl._plain_serving`), which must change together with the
general path here.
"""

from __future__ import annotations

import collections.abc as cabc
import importlib
import logging
import os
import sys
import typing as t
import weakref
from contextlib import closing
from datetime import timedelta
from inspect import iscoroutinefunction
from urllib.parse import quote as _url_quote

from werkzeug.datastructures import Headers, ImmutableDict
from werkzeug.exceptions import Aborter, HTTPException
from werkzeug.routing import BuildError, Map, MapAdapter, Rule
from werkzeug.utils import cached_property
from werkzeug.wrappers import Response as BaseResponse

from . import signals
from ._errors import ErrorHandlingMixin, _error_page_response
from ._plain_serving import _PRESERVE_CONTEXT_KEY, PlainServingMixin
from ._running import RunningMixin
from ._url_building import build_directly
from .config import Config, ConfigAttribute
from .ctx import (
    AppContext,
    RequestContext,
    _AppCtxGlobals,
    _RememberedMatches,
    _sentinel,
)
from .globals import _cv_app, _cv_request, g, request, session
from .helpers import (
    _find_package,
    _first_given,
    _split_blueprint_path,
    get_debug_flag,
    get_flashed_messages,
)
from .helpers import get_load_dotenv as get_load_dotenv
from .helpers import send_from_directory as send_from_directory
from .json.provider import DefaultJSONProvider
from .logging import create_logger
from .scaffold import (
    Scaffold,
    _Decorator,
    _endpoint_from_view_func,
    _Folder,
    _open_for_reading,
    _registering,
    setupmethod,
)
from .sessions import SecureCookieSessionInterface, SessionInterface
from .templating import _EnvironmentClass
from .wrappers import Request, Response

if t.TYPE_CHECKING:
    from types import TracebackType

    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from ._jinja import DispatchingJinjaLoader, Environment
    from .blueprints import Blueprint
    from .testing import FlaskClient, FlaskCliRunner


def __getattr__(name: str) -> t.Any:
    # ``Environment`` is importable from here, as from Flask's module, without
    # importing Jinja until it is asked for.
    if name == "Environment":
        from ._jinja import Environment

        return Environment
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


T_shell_context_processor = t.TypeVar("T_shell_context_processor", bound=t.Callable[..., t.Any])
T_teardown = t.TypeVar("T_teardown", bound=t.Callable[..., t.Any])
T_template_filter = t.TypeVar("T_template_filter", bound=t.Callable[..., t.Any])
T_template_global = t.TypeVar("T_template_global", bound=t.Callable[..., t.Any])
T_template_test = t.TypeVar("T_template_test", bound=t.Callable[..., t.Any])

_OptionalText = str | None
_OptionalFlag = bool | None
_View = t.Callable[..., t.Any]
_CoroutineFunction = t.Callable[..., cabc.Coroutine[t.Any, t.Any, t.Any]]
#: ``exc`` of the teardown methods: an error, ``None``, or "not given".
_TeardownError = BaseException | None

_DEFAULT_METHODS = ("GET",)
#: Most distinct Host headers whose normalised server name is remembered.
_BOUND_HOSTS_LIMIT = 64
#: Characters left unquoted in a URL fragment.
_ANCHOR_SAFE = "%!#$&'()*+,/:;=?@"
_TUPLE_HEADER_TYPES = (Headers, dict, tuple, list)
_TEXT_TYPES = (str, bytes, bytearray)
_BODY_TYPES = (str, bytes, bytearray, cabc.Iterator)
_JSON_TYPES = (dict, list)
_BAD_RETURN = (
    "The view function did not return a valid response: it was a {}, where a str,"
    " bytes, dict, list, tuple (with a status or headers), Response instance or"
    " WSGI callable is needed."
)


def _from_wsgi(value: str | None) -> str | None:
    """Decode a WSGI environ string (latin-1 code points) as UTF-8."""
    if value is None or value.isascii():  # PERF: ASCII decodes to itself
        return value
    return value.encode("latin1").decode(errors="replace")


def _split_view_result(value: tuple[t.Any, ...]) -> tuple[t.Any, t.Any, t.Any]:
    """``(body, status, headers)`` from a view's tuple; the middle item of a
    pair is headers when it looks like headers, else the status."""
    if len(value) == 3:
        return value  # type: ignore[return-value]
    if len(value) == 2:
        body, second = value
        if isinstance(second, _TUPLE_HEADER_TYPES):
            return body, None, second
        return body, second, None
    raise TypeError(
        f"The view function did not return a valid response: it returned a tuple of"
        f" {len(value)} items, and a response tuple must have the form (body, status,"
        " headers), (body, status) or (body, headers)."
    )


def _rule_methods(given: t.Iterable[str] | None, view_func: t.Any) -> set[str]:
    """Upper-cased methods of a new rule: *given*, the view's own, or ``GET``.

    Methods the view requires are always included.
    """
    source = (getattr(view_func, "methods", None) or _DEFAULT_METHODS) if given is None else given
    if isinstance(source, str):
        raise TypeError(
            f"'methods' takes a list of method names such as ['POST'], not the string {source!r}."
        )
    required = getattr(view_func, "required_methods", ())
    return {name.upper() for name in source}.union(required)


def _as_lifetime(value: timedelta | int | None) -> timedelta | None:
    """Read a session lifetime given in seconds or as a :class:`~datetime.timedelta`."""
    keep = value is None or isinstance(value, timedelta)
    return value if keep else timedelta(seconds=value)


def _call_build_handler(
    handler: t.Callable[..., t.Any], error: BuildError, endpoint: str, values: dict[str, t.Any]
) -> t.Any:
    """What a URL build error handler returns, or the :exc:`BuildError` it raises."""
    try:
        return handler(error, endpoint, values)
    except BuildError as replacement:
        return replacement


class Flask(ErrorHandlingMixin, RunningMixin, PlainServingMixin, Scaffold):
    """A WSGI application; the central registry of views, hooks and config.

    Create one in your main module or package ``__init__``::

        app = Flask(__name__)

    :param import_name: name of the application module or package; it locates
        the root path for resources, templates and static files.
    :param static_url_path: URL prefix of static files; the folder name by
        default.
    :param static_folder: static files folder relative to the root path;
        ``None`` disables the static route.
    :param static_host: host of the static route when ``host_matching`` is on.
    :param host_matching: match rules on the host as well as the path.
    :param subdomain_matching: match the subdomain relative to ``SERVER_NAME``.
    :param template_folder: templates folder relative to the root path.
    :param instance_path: absolute path of the instance folder; found next to
        the package by default.
    :param instance_relative_config: resolve relative config file names from
        the instance folder rather than the root path.
    :param root_path: override the directory found from *import_name*.
    """

    # Pluggable classes, in alphabetical order. Override one on a subclass
    # to change what the app builds.

    #: :attr:`aborter`, behind :func:`~impl.abort`.
    aborter_class = Aborter
    #: ``g``, the per-context namespace.
    app_ctx_globals_class = _AppCtxGlobals
    #: :attr:`config`.
    config_class = Config
    #: :attr:`jinja_env`.
    jinja_environment = _EnvironmentClass()  # Jinja is imported on first use
    #: :attr:`json`.
    json_provider_class: type[DefaultJSONProvider] = DefaultJSONProvider
    #: ``request``; replace to add behaviour to requests.
    request_class: type[Request] = Request
    #: Responses built by :meth:`make_response`.
    response_class: type[Response] = Response
    #: What :meth:`test_cli_runner` builds; :class:`~impl.testing.FlaskCliRunner` when unset.
    test_cli_runner_class: type[FlaskCliRunner] | None = None
    #: What :meth:`test_client` builds; :class:`~impl.testing.FlaskClient` when unset.
    test_client_class: type[FlaskClient] | None = None
    #: :attr:`url_map`.
    url_map_class = Map
    #: The rules :meth:`add_url_rule` builds.
    url_rule_class = Rule

    #: Sessions backend, signed cookies by default.
    session_interface: SessionInterface = SecureCookieSessionInterface()

    _closed_because = "it has already handled a request"

    #: ``config["TESTING"]``: errors propagate to the test client.
    testing = ConfigAttribute[bool]("TESTING")
    #: ``config["SECRET_KEY"]``: signs session cookies.
    secret_key = ConfigAttribute[str | bytes | None]("SECRET_KEY")
    #: ``config["PERMANENT_SESSION_LIFETIME"]`` as a timedelta.
    permanent_session_lifetime = ConfigAttribute[timedelta](
        "PERMANENT_SESSION_LIFETIME", get_converter=_as_lifetime
    )

    #: Extra options for :attr:`jinja_env`, read when it is created.
    jinja_options: dict[str, t.Any] = {}

    #: The configuration every app starts from, grouped by topic.
    # fmt: off
    default_config = ImmutableDict(dict(
        DEBUG=None, TESTING=False, PROPAGATE_EXCEPTIONS=None,
        SECRET_KEY=None, SECRET_KEY_FALLBACKS=None,
        PERMANENT_SESSION_LIFETIME=timedelta(days=31),
        USE_X_SENDFILE=False, TRUSTED_HOSTS=None, SERVER_NAME=None, APPLICATION_ROOT="/",
        SESSION_COOKIE_NAME="session", SESSION_COOKIE_DOMAIN=None,
        SESSION_COOKIE_PATH=None, SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=False, SESSION_COOKIE_PARTITIONED=False,
        SESSION_COOKIE_SAMESITE=None, SESSION_REFRESH_EACH_REQUEST=True,
        MAX_CONTENT_LENGTH=None, MAX_FORM_MEMORY_SIZE=500_000, MAX_FORM_PARTS=1_000,
        SEND_FILE_MAX_AGE_DEFAULT=None,
        TRAP_BAD_REQUEST_ERRORS=None, TRAP_HTTP_EXCEPTIONS=False,
        EXPLAIN_TEMPLATE_LOADING=False, PREFERRED_URL_SCHEME="http",
        TEMPLATES_AUTO_RELOAD=None, MAX_COOKIE_SIZE=4093, PROVIDE_AUTOMATIC_OPTIONS=True,
    ))
    # fmt: on

    def __init__(
        self,
        import_name: str,
        static_url_path: _OptionalText = None,
        static_folder: _Folder = "static",
        static_host: _OptionalText = None,
        host_matching: bool = False,
        subdomain_matching: bool = False,
        template_folder: _Folder = "templates",
        instance_path: _OptionalText = None,
        instance_relative_config: bool = False,
        root_path: _OptionalText = None,
    ) -> None:
        super().__init__(import_name, static_folder, static_url_path, template_folder, root_path)
        #: Per-extension state, by extension name.
        self.extensions: dict[str, t.Any] = {}
        #: Registered blueprints by dotted name.
        self.blueprints: dict[str, Blueprint] = {}
        #: Folder for files that are not part of the code: local config, data.
        self.instance_path = self._checked_instance_path(instance_path)
        #: The configuration dict.
        self.config = self.make_config(instance_relative_config)
        #: The Werkzeug :class:`~werkzeug.routing.Map` of all rules.
        self.url_map = self.url_map_class(host_matching=host_matching)
        self.subdomain_matching = subdomain_matching
        #: The JSON provider (``app.json.dumps`` ...) and the aborter behind ``abort``.
        self.json, self.aborter = self.json_provider_class(self), self.make_aborter()
        #: Hooks kept as plain lists: ``url_for`` failure handlers, app
        #: context teardowns and ``flask shell`` variable providers.
        self.url_build_error_handlers: list[t.Callable[..., t.Any]] = []
        self.teardown_appcontext_funcs: list[t.Callable[..., t.Any]] = []
        self.shell_context_processors: list[t.Callable[[], dict[str, t.Any]]] = []
        self._sync_cache: dict[t.Callable[..., t.Any], t.Callable[..., t.Any]] = {}
        # PERF: per-blueprint tuples of hook scopes, built once per blueprint
        # name instead of splitting the dotted name on every request.
        self._scopes_by_blueprint: dict[str | None, tuple[tuple[t.Any, ...], ...]] = {
            None: ((None,), (None,))
        }
        self._remembered_matches = _RememberedMatches()
        # Whether wsgi_app may take the inlined path; see _check_plain_serving.
        self._plain_serving = False
        self._plain_serving_checked = -1
        # PERF: Host header -> server name as Map.bind normalises it, for
        # hosts seen before; bounded, as clients choose the Host header.
        self._bound_hosts: dict[str, str] = {}
        # ``self.cli``, the app's command group, is made on first use.

        if self.has_static_folder:
            if bool(static_host) != host_matching:
                raise AssertionError(
                    "static_host and host_matching go together: give a static_host"
                    " exactly when host_matching is on (an invalid combination)."
                )
            static_rule = f"{self.static_url_path}/<path:filename>"
            self.add_url_rule(static_rule, "static", _StaticView(self), host=static_host)

    # -- construction seams ------------------------------------------------

    def _checked_instance_path(self, given: str | None) -> str:
        if given is None:
            return self.auto_find_instance_path()
        if os.path.isabs(given):
            return given
        raise ValueError("If an instance path is provided it must be absolute, not relative.")

    @cached_property
    def name(self) -> str:  # type: ignore[override]
        """The application's name: the import name, or the script's for ``__main__``."""
        if self.import_name != "__main__":
            return self.import_name
        script = getattr(sys.modules["__main__"], "__file__", None)
        if script is None:
            return "__main__"
        return os.path.splitext(os.path.basename(script))[0]

    @cached_property
    def logger(self) -> logging.Logger:
        """The ``logging.Logger`` named after the app, created on first use."""
        return create_logger(self)

    @cached_property
    def jinja_env(self) -> Environment:
        """The Jinja environment, created on first use by :meth:`create_jinja_environment`."""
        return self.create_jinja_environment()

    @property
    def debug(self) -> bool:
        """Debug mode, ``config["DEBUG"]``: show tracebacks, reload templates."""
        return self.config["DEBUG"]  # type: ignore[no-any-return]

    @debug.setter
    def debug(self, value: bool) -> None:
        # An environment created later reads the setting itself; one that
        # exists follows debug mode unless TEMPLATES_AUTO_RELOAD decides.
        environment = self.__dict__.get("jinja_env")
        if environment is not None and self.config["TEMPLATES_AUTO_RELOAD"] is None:
            environment.auto_reload = value
        self.config["DEBUG"] = value

    def make_config(self, instance_relative: bool = False) -> Config:
        """Build :attr:`config` from :attr:`default_config`.

        :param instance_relative: root config file names in the instance folder.
        """
        defaults = dict(self.default_config)
        defaults["DEBUG"] = get_debug_flag()
        root = self.instance_path if instance_relative else self.root_path
        return self.config_class(root, defaults)

    def make_aborter(self) -> Aborter:
        """Build :attr:`aborter`; override to register custom status codes."""
        return self.aborter_class()

    def auto_find_instance_path(self) -> str:
        """Default instance folder: ``instance`` next to the package.

        For a package installed in a Python prefix it is
        ``<prefix>/var/<name>-instance`` instead.
        """
        prefix, package_dir = _find_package(self.import_name)
        if prefix is not None:
            return os.path.join(prefix, "var", f"{self.name}-instance")
        return os.path.join(package_dir, "instance")

    def open_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = None
    ) -> t.IO[t.AnyStr]:
        """Open a file relative to :attr:`root_path` for reading.

        :param mode: ``"rb"`` (default), ``"r"`` or ``"rt"``.
        :param encoding: text encoding for text modes.
        """
        return _open_for_reading(self.root_path, resource, mode, encoding)

    def open_instance_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = "utf-8"
    ) -> t.IO[t.AnyStr]:
        """Open a file relative to :attr:`instance_path`; writing is allowed."""
        full_path = os.path.join(self.instance_path, resource)
        text_options = {} if "b" in mode else {"encoding": encoding}
        return open(full_path, mode, **text_options)  # type: ignore[call-overload]

    # -- templating --------------------------------------------------------

    def create_jinja_environment(self) -> Environment:
        """Build :attr:`jinja_env` from :attr:`jinja_options` and the config.

        Adds the template globals ``url_for``, ``get_flashed_messages``,
        ``config``, ``request``, ``session`` and ``g``.
        """
        reload_setting = self.config["TEMPLATES_AUTO_RELOAD"]
        options: dict[str, t.Any] = {
            "autoescape": self.select_jinja_autoescape,
            "auto_reload": self.debug if reload_setting is None else reload_setting,
            **self.jinja_options,
        }
        environment = self.jinja_environment(self, **options)
        # The proxies are the globals; the default context processor puts the
        # real objects in each render's context, which is faster to use.
        helpers = {"url_for": self.url_for, "get_flashed_messages": get_flashed_messages}
        environment.globals.update(
            helpers, config=self.config, g=g, request=request, session=session
        )
        environment.policies["json.dumps_function"] = self.json.dumps
        return environment

    def create_global_jinja_loader(self) -> DispatchingJinjaLoader:
        """The loader of :attr:`jinja_env`: app templates, then blueprints'."""
        from ._jinja import DispatchingJinjaLoader

        return DispatchingJinjaLoader(self)

    def select_jinja_autoescape(self, filename: str | None) -> bool:
        """Autoescape strings and HTML/XML/SVG templates, not other files."""
        if filename is None:
            return True
        return filename.endswith((".html", ".htm", ".xml", ".xhtml", ".svg"))

    def update_template_context(self, context: dict[str, t.Any]) -> None:
        """Add context processor values to *context*; explicit values win."""
        explicit = dict(context)
        processors = self.template_context_processors
        active = _cv_request.get(None)
        if active is None:
            scopes: tuple[t.Any, ...] = (None,)
        else:
            scopes = self._hook_scopes(active.request.blueprint)[0]
        for scope in scopes:
            for processor in processors.get(scope, ()):
                context.update(self.ensure_sync(processor)())
        context.update(explicit)

    def make_shell_context(self) -> dict[str, t.Any]:
        """Variables of ``flask shell``: ``app``, ``g`` and the processors' values."""
        namespace: dict[str, t.Any] = {"app": self, "g": g}
        for processor in self.shell_context_processors:
            namespace.update(processor())
        return namespace

    # Jinja filters, tests and globals: each has an ``add_`` method and a
    # decorator that calls it.

    def _add_jinja_entry(self, table: str, f: _View, name: _OptionalText) -> None:
        getattr(self.jinja_env, table)[name or f.__name__] = f

    @setupmethod
    def add_template_filter(self, f: _View, name: _OptionalText = None) -> None:
        """Register *f* as a Jinja filter, under *name* or its own name."""
        self._add_jinja_entry("filters", f, name)

    @setupmethod
    def add_template_test(self, f: t.Callable[..., bool], name: _OptionalText = None) -> None:
        """Register *f* as a Jinja test, under *name* or its own name."""
        self._add_jinja_entry("tests", f, name)

    @setupmethod
    def add_template_global(self, f: _View, name: _OptionalText = None) -> None:
        """Make *f* a Jinja global, under *name* or its own name."""
        self._add_jinja_entry("globals", f, name)

    @setupmethod
    def template_filter(self, name: _OptionalText = None) -> _Decorator[T_template_filter]:
        """Decorator form of :meth:`add_template_filter`."""
        return _registering(lambda f: self.add_template_filter(f, name=name))

    @setupmethod
    def template_test(self, name: _OptionalText = None) -> _Decorator[T_template_test]:
        """Decorator form of :meth:`add_template_test`."""
        return _registering(lambda f: self.add_template_test(f, name=name))

    @setupmethod
    def template_global(self, name: _OptionalText = None) -> _Decorator[T_template_global]:
        """Decorator form of :meth:`add_template_global`."""
        return _registering(lambda f: self.add_template_global(f, name=name))

    @setupmethod
    def teardown_appcontext(self, f: T_teardown) -> T_teardown:
        """Call *f* with the error (or ``None``) whenever an app context pops."""
        self.teardown_appcontext_funcs.append(f)
        return f

    @setupmethod
    def shell_context_processor(self, f: T_shell_context_processor) -> T_shell_context_processor:
        """Register *f* to add variables to ``flask shell``."""
        self.shell_context_processors.append(f)
        return f

    # -- registration ------------------------------------------------------

    @setupmethod
    def register_blueprint(self, blueprint: Blueprint, **options: t.Any) -> None:
        """Add a blueprint's routes and hooks to the app.

        :param options: override the blueprint's ``url_prefix``, ``subdomain``,
            ``url_defaults``, set a different ``name`` to register it twice,
            and anything else for :class:`~impl.blueprints.BlueprintSetupState`.
        """
        blueprint.register(self, options)

    @setupmethod
    def add_url_rule(
        self,
        rule: str,
        endpoint: _OptionalText = None,
        view_func: _View | None = None,
        provide_automatic_options: _OptionalFlag = None,
        **options: t.Any,
    ) -> None:
        """Connect URL *rule* to *endpoint* and, if given, *view_func*.

        :param rule: URL rule string.
        :param endpoint: endpoint name; the view function's name by default.
        :param view_func: the function called for matching requests.
        :param provide_automatic_options: answer ``OPTIONS`` automatically;
            by default unless ``OPTIONS`` is among the methods or
            ``PROVIDE_AUTOMATIC_OPTIONS`` is off.
        :param options: :class:`~werkzeug.routing.Rule` options, including
            ``methods`` (the view's ``methods`` attribute or ``GET`` by
            default; ``HEAD`` is added for ``GET``).
        """
        endpoint = _endpoint_from_view_func(view_func) if endpoint is None else endpoint
        allowed = _rule_methods(options.pop("methods", None), view_func)
        automatic = _first_given(
            provide_automatic_options, getattr(view_func, "provide_automatic_options", None)
        )
        if automatic is None:
            # Answer OPTIONS ourselves unless the view says it handles it.
            automatic = "OPTIONS" not in allowed and bool(self.config["PROVIDE_AUTOMATIC_OPTIONS"])
            if automatic:
                allowed.add("OPTIONS")

        new_rule = self.url_rule_class(rule, methods=allowed, endpoint=endpoint, **options)
        new_rule.provide_automatic_options = automatic  # type: ignore[attr-defined]
        self.url_map.add(new_rule)

        if view_func is not None:
            # One endpoint, one view: re-adding the same function is fine.
            registered = self.view_functions.setdefault(endpoint, view_func)
            if registered != view_func:
                raise AssertionError(
                    f"Endpoint {endpoint!r} already belongs to view function"
                    f" {registered!r}; choose another endpoint name for {view_func!r}."
                )

    def iter_blueprints(self) -> t.ValuesView[Blueprint]:
        """Registered blueprints, in registration order."""
        return self.blueprints.values()

    # -- URLs --------------------------------------------------------------

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        """Bind :attr:`url_map` for matching and building URLs.

        With a request, the adapter uses its host and path. Without one, it
        needs ``SERVER_NAME`` (with ``APPLICATION_ROOT`` and
        ``PREFERRED_URL_SCHEME``) and returns ``None`` when that is unset.
        """
        config = self.config
        if request is None:
            server_name = config["SERVER_NAME"]
            if server_name is None:
                return None
            return self.url_map.bind(
                server_name,
                script_name=config["APPLICATION_ROOT"],
                url_scheme=config["PREFERRED_URL_SCHEME"],
            )

        trusted = config["TRUSTED_HOSTS"]
        if trusted is not None:
            request.trusted_hosts = trusted
        # Reading the host checks it against the trusted hosts now, so a bad
        # Host header fails before routing.
        host = request.host

        url_map = self.url_map
        if url_map.host_matching:
            # SERVER_NAME would replace the real host and defeat host rules.
            return url_map.bind_to_environ(request.environ, server_name=None, subdomain=None)
        server_name = config["SERVER_NAME"]
        environ = request.environ
        if server_name is None and not self.subdomain_matching and "HTTP_UPGRADE" not in environ:
            # PERF: the common case. The request already parsed the host, so
            # bind directly rather than have bind_to_environ derive it again.
            script_name = environ.get("SCRIPT_NAME")
            path_info = environ.get("PATH_INFO")
            query = environ.get("QUERY_STRING")
            subdomain = url_map.default_subdomain or ""
            known_host = self._bound_hosts.get(host)
            if (
                known_host is not None
                and type(script_name) is str
                and type(path_info) is str
                and script_name.isascii()
                and path_info.isascii()
                and (query is None or query.isascii())
            ):
                # PERF: Map.bind lower-cases and IDNA-encodes the host (1 µs,
                # the codec is pure Python); a host bound before skips both.
                # ASCII environ strings decode to themselves.
                return MapAdapter(
                    url_map,
                    known_host,
                    script_name,
                    subdomain,
                    environ["wsgi.url_scheme"],
                    path_info,
                    environ["REQUEST_METHOD"],
                    query,
                )
            script_name, path_info = _from_wsgi(script_name), _from_wsgi(path_info)
            adapter = url_map.bind(
                host,
                script_name=script_name,
                subdomain=subdomain,
                url_scheme=environ["wsgi.url_scheme"],
                default_method=environ["REQUEST_METHOD"],
                path_info=path_info,
                query_args=_from_wsgi(query),
            )
            if type(url_map).bind is Map.bind and len(self._bound_hosts) < _BOUND_HOSTS_LIMIT:
                self._bound_hosts[host] = adapter.server_name
            return adapter
        # Without subdomain matching every request is in the default
        # subdomain, whatever its host, and SERVER_NAME only serves building.
        subdomain = None if self.subdomain_matching else (url_map.default_subdomain or "")
        return url_map.bind_to_environ(environ, server_name=server_name, subdomain=subdomain)

    def inject_url_defaults(self, endpoint: str, values: dict[str, t.Any]) -> None:
        """Let URL default functions fill *values* for building *endpoint*.

        The app's functions run first, then those of each blueprint that owns
        the endpoint, outermost first.
        """
        functions = self.url_default_functions
        if not functions:
            return
        scopes: list[str | None] = [None]
        if "." in endpoint:
            scopes.extend(reversed(_split_blueprint_path(endpoint.rpartition(".")[0])))
        for scope in scopes:
            for function in functions.get(scope, ()):
                function(endpoint, values)

    def handle_url_build_error(
        self, error: BuildError, endpoint: str, values: dict[str, t.Any]
    ) -> str:
        """Try :attr:`url_build_error_handlers` for a failed ``url_for``.

        The first handler returning a value wins; a handler may raise a new
        :exc:`~werkzeug.routing.BuildError`, which replaces *error*. If none
        helps, the error is raised.
        """
        for handler in self.url_build_error_handlers:
            outcome = _call_build_handler(handler, error, endpoint, values)
            if isinstance(outcome, BuildError):
                error = outcome  # later handlers see the newer error
            elif outcome is not None:
                return outcome  # type: ignore[no-any-return]
        raise error

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor: _OptionalText = None,
        _method: _OptionalText = None,
        _scheme: _OptionalText = None,
        _external: _OptionalFlag = None,
        **values: t.Any,
    ) -> str:
        """Build a URL for *endpoint*; see :func:`impl.url_for` for the options.

        Inside a request the URL is relative and a leading ``.`` names an
        endpoint of the current blueprint; outside one, the URL is absolute
        and ``SERVER_NAME`` must be configured.
        """
        if _scheme is not None and _external is not None and not _external:
            raise ValueError(
                "'_scheme' only applies to external URLs: '_external' must be True with it"
            )

        request_context = _cv_request.get(None)
        if request_context is None:
            # Outside a request: absolute URLs from the SERVER_NAME adapter.
            app_context = _cv_app.get(None)
            adapter = (
                self.create_url_adapter(None) if app_context is None else app_context.url_adapter
            )
            if adapter is None:
                raise RuntimeError(
                    "Unable to build URLs outside an active request: 'SERVER_NAME' is not"
                    " configured. Set it (and 'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME'"
                    " where they differ from the defaults)."
                )
            external = True if _external is None else _external
        else:
            # Inside a request: relative URLs unless a scheme is asked for.
            adapter = request_context.url_adapter
            if endpoint.startswith("."):
                blueprint = request_context.request.blueprint
                endpoint = endpoint[1:] if blueprint is None else blueprint + endpoint
            external = (_scheme is not None) if _external is None else _external

        self.inject_url_defaults(endpoint, values)
        if adapter is not None:
            url = build_directly(adapter, endpoint, values, _method, _scheme, external)
            if url is not None:
                return url if _anchor is None else f"{url}#{_url_quote(_anchor, safe=_ANCHOR_SAFE)}"
        build = adapter.build  # type: ignore[union-attr]
        try:
            url = build(
                endpoint, values, method=_method, url_scheme=_scheme, force_external=external
            )
        except BuildError as failure:
            extra = {"_anchor": _anchor, "_method": _method, "_scheme": _scheme}
            values.update(extra, _external=external)
            return self.handle_url_build_error(failure, endpoint, values)
        if _anchor is None:
            return url
        return f"{url}#{_url_quote(_anchor, safe=_ANCHOR_SAFE)}"

    def redirect(self, location: str, code: int = 302) -> BaseResponse:
        """Return a redirect response of :attr:`response_class`."""
        from werkzeug.utils import redirect as build_redirect

        return build_redirect(location, code=code, Response=self.response_class)

    # -- errors (the rest is in impl._errors) -------------------------------

    def log_exception(
        self,
        exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None],
    ) -> None:
        """Log an unhandled exception on :attr:`~impl.Flask.logger` at error level."""
        failed = _cv_request.get().request
        self.logger.error(f"Exception on {failed.path} [{failed.method}]", exc_info=exc_info)

    # -- dispatching -------------------------------------------------------

    def ensure_sync(self, func: _View) -> _View:
        """Return *func*, or a synchronous wrapper if it is a coroutine function."""
        return self.async_to_sync(func) if iscoroutinefunction(func) else func

    def async_to_sync(self, func: _CoroutineFunction) -> _View:
        """Wrap a coroutine function so a call runs it to completion.

        asgiref is required, as with Flask; impl runs the coroutine on an event loop
        kept per thread and hands the call to asgiref where asgiref owns the thread
        (see :mod:`impl._coroutines`).
        """
        try:
            asgiref_sync = importlib.import_module("asgiref.sync")
        except ImportError:
            raise RuntimeError(
                "Async views and hooks need the 'asgiref' package: install impl's 'async' extra."
            ) from None
        # PERF: asgiref's own wrapper starts a thread and an event loop on every call
        # (about 1 ms); the per-thread loop takes the async bench scenario from 0.88
        # of Flask's time to 0.07.
        from . import _coroutines  # asyncio is loaded with the first coroutine function

        return _coroutines.async_to_sync(func, asgiref_sync)

    def _sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        """:meth:`ensure_sync` for registered views and hooks, remembered per function."""
        # PERF: the coroutine check runs once per function, not on every call.
        try:
            return self._sync_cache[func]
        except KeyError:
            wrapped = self._sync_cache[func] = self.ensure_sync(func)
            return wrapped
        except TypeError:  # unhashable callable
            return self.ensure_sync(func)

    def _hook_scopes(self, blueprint: str | None) -> tuple[tuple[t.Any, ...], ...]:
        """``(app-first scopes, innermost-first scopes)`` for a blueprint name."""
        found = self._scopes_by_blueprint.get(blueprint)
        if found is None:
            inner_first = (*_split_blueprint_path(blueprint), None)  # type: ignore[arg-type]
            found = (inner_first[::-1], inner_first)
            self._scopes_by_blueprint[blueprint] = found
        return found

    def dispatch_request(self) -> t.Any:
        """Call the view of the matched rule and return its result.

        Raises the routing error if matching failed, and answers ``OPTIONS``
        automatically for rules that allow it.
        """
        active = _cv_request.get().request
        if active.routing_exception is not None:
            self.raise_routing_exception(active)
        rule = active.url_rule
        if active.method == "OPTIONS" and getattr(rule, "provide_automatic_options", False):
            return self.make_default_options_response()
        view = self.view_functions[rule.endpoint]  # type: ignore[union-attr]
        return self._sync(view)(**active.view_args)  # type: ignore[arg-type]

    def full_dispatch_request(self) -> Response:
        """Run the before-request hooks, the view and error handling.

        Sends :data:`~impl.signals.request_started` first and returns the
        finalized response.
        """
        self._setup_closed = True
        try:
            if signals.request_started.receivers:  # PERF: no blinker call when unused
                signals.request_started.send(self, _async_wrapper=self.ensure_sync)
            # A before-request function that returns a value answers instead
            # of the view.
            early = self.preprocess_request()
            result = self.dispatch_request() if early is None else early
        except Exception as error:
            result = self.handle_user_exception(error)
        return self.finalize_request(result)

    def finalize_request(self, rv: t.Any, from_error_handler: bool = False) -> Response:
        """Make a response from *rv* and run after-request processing.

        :param from_error_handler: the value comes from the 500 handler, so a
            failure here is logged rather than raised again.
        """
        outgoing = self.make_response(rv)
        try:
            outgoing = self.process_response(outgoing)
            if signals.request_finished.receivers:
                signals.request_finished.send(
                    self, _async_wrapper=self.ensure_sync, response=outgoing
                )
        except Exception:
            if from_error_handler:
                # Already answering with an error page: log, don't raise.
                self.logger.exception(
                    "Finishing the error response raised another error (request finalizing failed)"
                )
            else:
                raise
        return outgoing

    def make_default_options_response(self) -> Response:
        """The automatic ``OPTIONS`` response: empty, with an ``Allow`` header."""
        adapter = _cv_request.get().url_adapter
        response = self.response_class()
        response.allow.update(adapter.allowed_methods())  # type: ignore[union-attr]
        return response

    def make_response(self, rv: t.Any) -> Response:
        """Convert a view's return value to a :attr:`response_class` instance.

        Accepted: a response object; ``str``/``bytes`` (the body); a dict or
        list (JSON); an iterator of strings or bytes (streamed); a WSGI
        callable; or a tuple ``(body, status)``, ``(body, headers)`` or
        ``(body, status, headers)`` of those.
        """
        if type(rv) is str:
            # PERF: the most common return value goes straight to the
            # constructor, as it would after the checks below.
            return self.response_class(rv)
        body, status, headers = (
            _split_view_result(rv) if isinstance(rv, tuple) else (rv, None, None)
        )
        if body is None:
            raise TypeError(
                f"The view function for {_cv_request.get().request.endpoint!r} did not"
                " return a valid response: it returned None, perhaps by reaching its"
                " end without a return statement."
            )

        response_class = self.response_class
        if isinstance(body, response_class):
            response = body
        elif isinstance(body, _BODY_TYPES):
            # The constructor applies status and headers, so a string status
            # such as "200 OK" is parsed by the response class itself.
            return response_class(body, status=status, headers=headers)
        elif isinstance(body, _JSON_TYPES):
            response = self.json.response(body)
        elif isinstance(body, BaseResponse) or callable(body):
            environ = _cv_request.get().request.environ
            response = (
                _error_page_response(body, environ, response_class)
                if isinstance(body, HTTPException)
                else None
            )
            try:
                if response is None:
                    response = response_class.force_type(body, environ)  # type: ignore[arg-type]
            except TypeError as error:
                message = f"{error}\n{_BAD_RETURN.format(type(body).__name__)}"
                raise TypeError(message).with_traceback(sys.exc_info()[2]) from None
        else:
            raise TypeError(_BAD_RETURN.format(type(body).__name__))

        if status is not None:
            # A string is a whole status line ("201 CREATED"), a number a code.
            field = "status" if isinstance(status, _TEXT_TYPES) else "status_code"
            setattr(response, field, status)
        if headers:
            response.headers.update(headers)
        return response  # type: ignore[no-any-return]

    def preprocess_request(self) -> t.Any:
        """Run URL value preprocessors, then before-request functions.

        App-level functions run first, then each blueprint's from the
        outermost in. The first non-``None`` value from a before-request
        function is returned and stops the request.
        """
        preprocessors = self.url_value_preprocessors
        before = self.before_request_funcs
        if not (preprocessors or before):
            return None
        active = _cv_request.get().request
        app_first = self._hook_scopes(active.blueprint)[0]

        if preprocessors:
            endpoint, view_args = active.endpoint, active.view_args
            for scope in app_first:
                for preprocessor in preprocessors.get(scope, ()):
                    preprocessor(endpoint, view_args)

        if before:
            sync_cache = self._sync_cache
            for scope in app_first:
                for function in before.get(scope, ()):
                    try:  # PERF: _sync, without the call for a function seen before
                        call = sync_cache[function]
                    except (KeyError, TypeError):
                        call = self._sync(function)
                    result = call()
                    if result is not None:
                        return result

    def process_response(self, response: Response) -> Response:
        """Run after-request functions over *response* and save the session.

        ``after_this_request`` functions run first, then each blueprint's
        (innermost first) and the app's, each in reverse registration order.
        """
        context = _cv_request.get()
        for function in context._after_request_functions:
            response = self.ensure_sync(function)(response)

        after = self.after_request_funcs
        if after:
            sync_cache = self._sync_cache
            for scope in self._hook_scopes(context.request.blueprint)[1]:
                for function in reversed(after.get(scope, ())):
                    try:  # PERF: _sync, without the call for a function seen before
                        call = sync_cache[function]
                    except (KeyError, TypeError):
                        call = self._sync(function)
                    response = call(response)

        interface = self.session_interface
        opened = context._session
        if not interface.is_null_session(opened):  # type: ignore[arg-type]
            interface.save_session(self, opened, response)  # type: ignore[arg-type]
        return response

    def do_teardown_request(self, exc: _TeardownError = _sentinel) -> None:  # type: ignore[assignment]
        """Run teardown-request functions as the request context pops.

        Blueprint functions run first (innermost first), then the app's, each
        in reverse registration order; then
        :data:`~impl.signals.request_tearing_down` is sent.
        """
        error = sys.exc_info()[1] if exc is _sentinel else exc
        teardown = self.teardown_request_funcs
        if teardown:
            blueprint = _cv_request.get().request.blueprint
            sync_cache = self._sync_cache
            for scope in self._hook_scopes(blueprint)[1]:
                for function in reversed(teardown.get(scope, ())):
                    try:  # PERF: _sync, without the call for a function seen before
                        call = sync_cache[function]
                    except (KeyError, TypeError):
                        call = self._sync(function)
                    call(error)
        if signals.request_tearing_down.receivers:
            signals.request_tearing_down.send(self, _async_wrapper=self.ensure_sync, exc=error)

    def do_teardown_appcontext(self, exc: _TeardownError = _sentinel) -> None:  # type: ignore[assignment]
        """Run teardown-appcontext functions, newest first, as an app context pops."""
        error = sys.exc_info()[1] if exc is _sentinel else exc
        for function in reversed(self.teardown_appcontext_funcs):
            self._sync(function)(error)
        if signals.appcontext_tearing_down.receivers:
            signals.appcontext_tearing_down.send(self, _async_wrapper=self.ensure_sync, exc=error)

    # -- contexts ----------------------------------------------------------

    def app_context(self) -> AppContext:
        """A new :class:`~impl.ctx.AppContext`; use it in a ``with`` block."""
        return AppContext(self)

    def request_context(self, environ: WSGIEnvironment) -> RequestContext:
        """A new :class:`~impl.ctx.RequestContext` for a WSGI environ."""
        return RequestContext(self, environ)

    def test_request_context(self, *args: t.Any, **kwargs: t.Any) -> RequestContext:
        """A request context for an environ built from test arguments.

        Takes the arguments of :class:`~impl.testing.EnvironBuilder`
        (``path``, ``method``, ``data``, ``json``, ``headers``, ...).
        """
        from .testing import EnvironBuilder

        with closing(EnvironBuilder(self, *args, **kwargs)) as builder:
            environ = builder.get_environ()
        return self.request_context(environ)

    # -- WSGI --------------------------------------------------------------

    def wsgi_app(self, environ: WSGIEnvironment, start_response: StartResponse) -> t.Any:
        """The WSGI application proper; :meth:`__call__` delegates here.

        Wrap this method, not the app, to add WSGI middleware while keeping
        the app object reachable::

            app.wsgi_app = ProxyFix(app.wsgi_app)
        """
        if self._plain_serving_checked != len(vars(self)):
            self._check_plain_serving()
        if self._plain_serving:
            return self._serve_plainly(environ, start_response)
        # What teardown functions receive: the error that ended the request,
        # unless should_ignore_error() asks to hide it.
        teardown_error: BaseException | None = None
        context = self.request_context(environ)
        try:
            try:
                context.push()
                response = self.full_dispatch_request()
            except BaseException as raised:
                if not self.should_ignore_error(raised):
                    teardown_error = raised
                if not isinstance(raised, Exception):
                    raise  # KeyboardInterrupt, SystemExit, GeneratorExit: let them go
                response = self.handle_exception(raised)
            return response(environ, start_response)
        finally:
            keep = environ.get(_PRESERVE_CONTEXT_KEY)
            if keep is not None:
                # The test client asked to keep both contexts after the response.
                keep(_cv_app.get())
                keep(_cv_request.get())
            context.pop(teardown_error)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> t.Any:
        """Serve a WSGI request through :meth:`wsgi_app`."""
        return self.wsgi_app(environ, start_response)


class _StaticView:
    """View of the app's ``static`` endpoint, holding the app weakly."""

    __name__ = "send_static_file"

    def __init__(self, app: Flask) -> None:
        self._app = weakref.ref(app)

    def __call__(self, **kwargs: t.Any) -> Response:
        return self._app().send_static_file(**kwargs)  # type: ignore[union-attr]


#: Flask keeps a framework-neutral base class under this name; impl has one
#: application class, so the name refers to it.
App = Flask
