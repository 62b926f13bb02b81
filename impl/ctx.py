"""Application and request contexts.

An :class:`AppContext` makes an application "current" (``current_app``,
``g``); a :class:`RequestContext` makes one request current (``request``,
``session``) and pushes an application context first when the right one is
not already active. Both push by setting a context variable and keep the
returned :class:`contextvars.Token`, so popping restores exactly the previous
state and can tell when it is asked to pop someone else's context.
"""

from __future__ import annotations

import sys
import typing as t
from functools import update_wrapper

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import MapAdapter
from werkzeug.routing.converters import DEFAULT_CONVERTERS
from werkzeug.wrappers import Request as _WerkzeugRequest

from . import signals
from .globals import _cv_app, _cv_request, _package_name

if t.TYPE_CHECKING:
    import types
    from contextvars import Token

    from _typeshed.wsgi import WSGIEnvironment

    from .app import Flask
    from .wrappers import Request

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
_MaybeRequest = t.Optional["Request"]
Error = BaseException | None

#: Werkzeug's converter classes, whose ``to_python`` depends on the text alone.
_BUILTIN_CONVERTERS = frozenset(DEFAULT_CONVERTERS.values())

#: Default for ``pop(exc=...)``: "take the exception being handled, if any".
_sentinel = object()


class _AppCtxGlobals:
    """The namespace behind :data:`g`: a plain object for per-context data.

    Attribute access is the main interface; the dict-like helpers below make
    it easy for extensions to store optional values without ``hasattr``.
    """

    def __getattr__(self, name: str) -> t.Any:
        # Only reached when normal lookup fails: report a missing attribute.
        raise AttributeError(name)

    def __setattr__(self, name: str, value: t.Any) -> None:
        vars(self)[name] = value

    def __delattr__(self, name: str) -> None:
        if self.__dict__.pop(name, _sentinel) is _sentinel:
            raise AttributeError(name)

    def get(self, name: str, default: t.Any | None = None) -> t.Any:
        """Return attribute *name*, or *default* when it is not set."""
        return self.__dict__.get(name, default)

    def pop(self, name: str, default: t.Any = _sentinel) -> t.Any:
        """Remove attribute *name* and return it.

        :param default: returned when *name* is not set; without it a missing
            name raises :exc:`KeyError`.
        """
        if default is _sentinel:
            return self.__dict__.pop(name)
        return self.__dict__.pop(name, default)

    def setdefault(self, name: str, default: t.Any = None) -> t.Any:
        """Return attribute *name*, setting it to *default* first if missing."""
        return self.__dict__.setdefault(name, default)

    def __contains__(self, item: str) -> bool:
        """``"name" in g``: whether the attribute is set."""
        return item in vars(self)

    def __iter__(self) -> t.Iterator[str]:
        """Iterate over the names of the set attributes."""
        return iter(list(vars(self)))

    def __repr__(self) -> str:
        active = _cv_app.get(None)
        owner = "no application" if active is None else repr(active.app.name)
        return f"<{_package_name()}.g of {owner}>"


def has_app_context() -> bool:
    """Tell whether an application context is active (``current_app`` works)."""
    return _cv_app.get(None) is not None


def has_request_context() -> bool:
    """Tell whether a request context is active (``request`` works).

    Useful for code that behaves differently inside and outside a request.
    """
    return _cv_request.get(None) is not None


def _active_request_context(caller: str) -> RequestContext:
    found = _cv_request.get(None)
    if found is None:
        raise RuntimeError(
            f"'{caller}' needs an active request context, such as the one a view function runs in."
        )
    return found


def after_this_request(f: t.Callable[[t.Any], t.Any]) -> t.Callable[[t.Any], t.Any]:
    """Run *f* on the response of the current request only.

    *f* receives the response object and returns it (or a replacement); these
    functions run before the after-request hooks registered on the app.
    """
    _active_request_context("after_this_request")._after_request_functions.append(f)
    return f


class _ContextBoundCall:
    """A callable that runs a function inside a saved request context.

    A class rather than a closure so the bound context is inspectable.
    """

    def __init__(self, func: t.Callable[..., t.Any], context: RequestContext) -> None:
        self.func = func
        self.context = context

    def __call__(self, *args: t.Any, **kwargs: t.Any) -> t.Any:
        with self.context:
            return self.context.app.ensure_sync(self.func)(*args, **kwargs)


def copy_current_request_context(f: F) -> F:
    """Bind *f* to a copy of the current request context.

    Calling the result, for example in a thread or greenlet started from a
    view, pushes that copy around the call so ``request`` and ``session``
    still work there.
    """
    copied = _active_request_context("copy_current_request_context").copy()
    return update_wrapper(_ContextBoundCall(f, copied), f)  # type: ignore[return-value]


class _RememberedMatches:
    """Outcomes of URL matching that cannot change, remembered per URL map.

    PERF: Werkzeug's matcher walks a state machine on every request: 2 µs
    for ``/``, 5 µs for ``/tag/<name>/<int:page>`` among 100 rules, 4 µs to
    decide a 404. Its outcome depends only on what the matcher receives
    (host part, path, method, scheme), the rules, and the converters'
    ``to_python``. So three outcomes are remembered: matching a rule with no
    arguments (always repeatable), and, while every converter is one of
    Werkzeug's own (a custom ``to_python`` may decide differently next
    time, e.g. by looking in a database), matching a rule with arguments
    and matching nothing (a plain 404). Redirects and 405s go through
    Werkzeug every time. Everything is dropped whenever the map's matcher
    gains a rule: its ``add`` is wrapped (on the matcher instance, when the
    map is first used here) to say so, since rules may be added straight to
    the map at any time. The tables are bounded, as clients choose the
    paths: the static one stops growing, the others start again when full.
    """

    limit = 512

    def __init__(self) -> None:
        self.static: dict[tuple[t.Any, ...], t.Any] = {}
        self.dynamic: dict[tuple[t.Any, ...], tuple[t.Any, dict[str, t.Any]]] = {}
        self.missing: set[tuple[t.Any, ...]] = set()
        #: Whether all converters are Werkzeug's; decided when first needed.
        self.pure: bool | None = None
        #: The Werkzeug matcher whose ``add`` reports here.
        self.watched: t.Any = None

    def forget(self) -> None:
        """Drop everything remembered; the map changed."""
        self.static.clear()
        self.dynamic.clear()
        self.missing.clear()
        self.pure = None

    def _converters_are_pure(self, url_map: t.Any) -> bool:
        """Whether every rule's converters are Werkzeug's own classes."""
        if self.pure is None:
            builtin = _BUILTIN_CONVERTERS
            self.pure = all(
                type(converter) in builtin
                for rule in url_map.iter_rules()
                for converter in getattr(rule, "_converters", {None: None}).values()
            )
        return self.pure

    def match(self, adapter: MapAdapter) -> tuple[t.Any, dict[str, t.Any] | None]:
        """``adapter.match(return_rule=True)``, from the tables when possible.

        A remembered plain 404 returns ``(None, None)`` rather than raising:
        raising and catching the :exc:`~werkzeug.exceptions.NotFound` here
        cost 0.8 µs of a handled 404; dispatch raises it anyway.
        """
        url_map = adapter.map
        matcher = getattr(url_map, "_matcher", None)
        if matcher is not self.watched:
            if matcher is None:  # not a matcher this class knows how to watch
                return adapter.match(return_rule=True)  # type: ignore[return-value]
            matcher.add = _ForgettingAdd(matcher.add, self)
            self.watched = matcher
            self.forget()
        # The key holds what Werkzeug's matcher receives.
        subdomain = adapter.subdomain
        path_info = adapter.path_info
        key = (
            adapter.server_name if url_map.host_matching or subdomain is None else subdomain,
            f"/{path_info.lstrip('/')}" if path_info else "",
            adapter.default_method.upper(),
            adapter.websocket,
        )
        rule = self.static.get(key)
        if rule is not None:
            return rule, {}
        found = self.dynamic.get(key)
        if found is not None:
            return found[0], dict(found[1])  # a fresh dict: preprocessors may change it
        if key in self.missing:
            return None, None  # the caller stores a NotFound: no raise, no traceback
        try:
            rule, arguments = adapter.match(return_rule=True)
        except NotFound as error:
            if (
                type(error) is NotFound
                and len(self.missing) < self.limit
                and self._converters_are_pure(url_map)
            ):
                self.missing.add(key)
            raise
        if not arguments and not rule.arguments:
            if len(self.static) < self.limit:
                self.static[key] = rule
        elif self._converters_are_pure(url_map):
            if len(self.dynamic) >= self.limit:
                self.dynamic.clear()
            self.dynamic[key] = (rule, dict(arguments))
        return rule, arguments


class _ForgettingAdd:
    """A matcher's ``add`` that makes :class:`_RememberedMatches` forget afterwards."""

    def __init__(self, add: t.Callable[[t.Any], None], memory: _RememberedMatches) -> None:
        self.add, self.memory = add, memory

    def __call__(self, rule: t.Any) -> None:
        try:
            self.add(rule)
        finally:
            self.memory.forget()


def _close_request(request: t.Any) -> None:
    """Close *request*, releasing the files of parsed form data."""
    close = getattr(request, "close", None)
    # PERF: Werkzeug's close() only closes uploaded files; skip the call
    # when none were parsed (0.4 µs).
    if callable(close) and (
        getattr(close, "__func__", None) is not _WerkzeugRequest.close
        or request.__dict__.get("files")
    ):
        close()


def _ensure_popping_own(kind: str, active: object, popping: object) -> None:
    """Contexts pop in reverse order of pushing; anything else is a bug."""
    if active is not popping:
        raise AssertionError(
            f"Popped {popping!r}, but the active {kind} context was {active!r}: contexts"
            " must be popped in the reverse order they were pushed."
        )


class _PushedInWith:
    """``with context:`` pushes on entry and pops on exit, passing the error."""

    def push(self) -> None:
        raise NotImplementedError

    def pop(self, exc: BaseException | None = _sentinel) -> None:  # type: ignore[assignment]
        raise NotImplementedError

    def __enter__(self) -> t.Self:
        self.push()
        return self

    def __exit__(
        self, exc_type: type | None, exc_value: Error, tb: types.TracebackType | None
    ) -> None:
        self.pop(exc_value)


class AppContext(_PushedInWith):
    """Makes :attr:`app` the current application while pushed.

    Holds :attr:`g` and a URL adapter built without a request (it needs
    ``SERVER_NAME``), used by :func:`~impl.helpers.url_for` outside requests.
    Usually pushed for you by a request; push one yourself with
    ``with app.app_context():`` for CLI commands, shells or tests.
    """

    def __init__(self, app: Flask) -> None:
        self.app, self.g = app, app.app_ctx_globals_class()
        self.url_adapter = app.create_url_adapter(None)
        self._cv_tokens: list[Token[AppContext]] = []

    def push(self) -> None:
        """Make this context the active one; may be pushed more than once."""
        self._cv_tokens.append(_cv_app.set(self))
        if signals.appcontext_pushed.receivers:  # PERF: skip blinker when unused
            signals.appcontext_pushed.send(self.app, _async_wrapper=self.app.ensure_sync)

    def pop(self, exc: BaseException | None = _sentinel) -> None:  # type: ignore[assignment]
        """Undo the latest :meth:`push`; the outermost pop runs teardowns.

        :param exc: the error that ended the context, passed to teardown
            functions; by default the exception currently being handled.
        """
        app = self.app
        if exc is _sentinel:
            exc = sys.exc_info()[1]
        active = _cv_app.get(None)
        token = self._cv_tokens.pop()
        try:
            # The outermost push runs the teardowns. PERF: the default
            # do_teardown_appcontext is not called when it has nothing to run.
            if not self._cv_tokens and (
                app.teardown_appcontext_funcs
                or signals.appcontext_tearing_down.receivers
                or not app._inlining_allowed()
            ):
                app.do_teardown_appcontext(exc)
        finally:
            _cv_app.reset(token)
        if active is not self:
            _ensure_popping_own("application", active, self)
        if signals.appcontext_popped.receivers:
            signals.appcontext_popped.send(app, _async_wrapper=app.ensure_sync)


class RequestContext(_PushedInWith):
    """Everything about one request: the request, URL adapter, session, flashes.

    Built from a WSGI environ for each request by :meth:`Flask.wsgi_app`,
    pushed before dispatch and popped afterwards. Pushing it also pushes an
    application context unless one for the same app is already active. In
    tests, ``app.test_request_context()`` builds one from
    :class:`~werkzeug.test.EnvironBuilder` arguments.
    """

    def __init__(
        self,
        app: Flask,
        environ: WSGIEnvironment,
        request: _MaybeRequest = None,
        session: t.Any = None,
    ) -> None:
        self.app = app
        if request is None:
            # Requests built here read JSON with the app's provider.
            self.request = app.request_class(environ)
            self.request.json_module = app.json
        else:
            self.request = request
        try:
            adapter = app.create_url_adapter(self.request)
        except HTTPException as error:
            # A bad Host header: keep going and let dispatch report it.
            adapter = None
            self.request.routing_exception = error
        self.url_adapter = adapter
        self.flashes: list[tuple[str, str]] | None = None
        self._session = session
        self._after_request_functions: list[t.Callable[[t.Any], t.Any]] = []
        # Each entry: the request token, and the app context this push
        # created (None when an existing one was reused).
        self._cv_tokens: list[tuple[Token[RequestContext], AppContext | None]] = []

    @property
    def session(self) -> t.Any:
        """The session of this request, opened when the context is pushed.

        Reading it marks the session as accessed, which makes the response
        vary on ``Cookie``.
        """
        opened = self._session
        if opened is not None:
            opened.accessed = True
        return opened  # type: ignore[return-value]

    @session.setter
    def session(self, value: t.Any) -> None:
        self._session = value

    def copy(self) -> RequestContext:
        """Return a new context for the same request and session object.

        Pushing the copy elsewhere (another thread, say) lets code there use
        ``request`` and ``session`` after the original has been popped.
        """
        return self.__class__(
            self.app, self.request.environ, request=self.request, session=self._session
        )

    def match_request(self) -> None:
        """Match the request URL, storing the rule and arguments on the request.

        A routing failure (404, 405, redirect) is stored as
        ``request.routing_exception`` and raised later by dispatch.
        """
        request = self.request
        adapter = self.url_adapter
        try:
            if type(adapter) is MapAdapter and adapter.map is self.app.url_map:
                rule, arguments = self.app._remembered_matches.match(adapter)
                if rule is None:
                    request.routing_exception = NotFound()
                else:
                    request.url_rule, request.view_args = rule, arguments
            else:
                request.url_rule, request.view_args = adapter.match(  # type: ignore[union-attr]
                    return_rule=True
                )
        except HTTPException as error:
            request.routing_exception = error
            # The error's traceback keeps the frames it was raised through,
            # and they keep this one (their f_back): without these names the
            # request and this context are not in a reference cycle with the
            # error, and are freed when the request ends rather than by the
            # garbage collector (about 90 objects a redirect or 405).
            del self, request

    def push(self) -> None:
        """Activate this context: app context if needed, session, URL match."""
        app = self.app
        current = _cv_app.get(None)
        if current is not None and current.app is app:
            created = None
        else:
            created = app.app_context()
            created.push()
        self._cv_tokens.append((_cv_request.set(self), created))

        # The session is opened once, after the context is active, so a
        # session interface can use ``request`` and ``current_app``.
        if self._session is None:
            interface = app.session_interface
            opened = interface.open_session(app, self.request)
            self._session = opened if opened is not None else interface.make_null_session(app)

        if self.url_adapter is not None:
            self.match_request()

    def pop(self, exc: BaseException | None = _sentinel) -> None:  # type: ignore[assignment]
        """Undo the latest :meth:`push`.

        The outermost pop runs the request teardown functions, closes the
        request, then pops the app context this context pushed, if any.

        :param exc: the error that ended the request, passed to teardowns;
            by default the exception currently being handled.
        """
        error = sys.exc_info()[1] if exc is _sentinel else exc
        outermost = len(self._cv_tokens) == 1
        try:
            if outermost:
                self._end_request(error)
        finally:
            active = _cv_request.get(None)
            token, created = self._cv_tokens.pop()
            _cv_request.reset(token)
            if created is not None:
                created.pop(error)
            if active is not self:
                _ensure_popping_own("request", active, self)

    def _end_request(self, error: BaseException | None) -> None:
        """Teardown functions first, then release the files of parsed form data."""
        request = self.request
        app = self.app
        try:
            # PERF: the default do_teardown_request is not called when it has
            # nothing to run, as in Flask._serve_plainly.
            if (
                app.teardown_request_funcs
                or signals.request_tearing_down.receivers
                or not app._inlining_allowed()
            ):
                app.do_teardown_request(error)
            _close_request(request)
        finally:
            # Break the environ -> request reference cycle.
            request.environ["werkzeug.request"] = None

    def __repr__(self) -> str:
        request = self.request
        return f"<{type(self).__name__} {request.url!r} [{request.method}] of {self.app.name}>"
