"""Context variables and the proxies that read them.

Two :class:`~contextvars.ContextVar` objects hold the active application
context and request context. Every global name (``current_app``, ``g``,
``request``, ``session``) is a :class:`~werkzeug.local.LocalProxy` that looks
one of them up on each access, so code running in another thread, greenlet or
task sees its own context.
"""

from __future__ import annotations

import sys
import typing as t
from contextvars import ContextVar

from werkzeug.local import LocalProxy

if t.TYPE_CHECKING:
    from .app import Flask
    from .ctx import AppContext, RequestContext, _AppCtxGlobals
    from .sessions import SessionMixin
    from .wrappers import Request


def _package_name() -> str:
    """The name the running program imports this package by: ``"flask"`` in
    drop-in mode (:mod:`impl.dropin`), where the two names are one module, else
    ``"impl"``. Text shown to users (``repr(g)``, ``--version``) follows it."""
    package = sys.modules.get(__package__ or "impl")
    return "flask" if package is not None and sys.modules.get("flask") is package else "impl"


_OUTSIDE_APP = """\
Working outside of application context.

The code asked for the current application, but no application context is
active. Wrap it in ``with app.app_context():`` (a request context pushes one
too); the documentation on the application context explains more."""

_OUTSIDE_REQUEST = """\
Working outside of request context.

The code asked for data about the HTTP request being handled, but no request
is active. In tests, use ``app.test_request_context()`` or the test client;
the documentation on testing explains more."""

#: The application context of the running code, if one is pushed.
_cv_app: ContextVar[AppContext] = ContextVar("impl.app_ctx")
#: The request context of the running code, if one is pushed.
_cv_request: ContextVar[RequestContext] = ContextVar("impl.request_ctx")


#: The forwarded attribute lookup that failed last in this context, as
#: ``(proxy, name, error)``: :meth:`_ContextProxy.__getattr__` raises it again.
_failed_lookup: ContextVar[tuple[t.Any, str, AttributeError] | None] = ContextVar(
    "impl.failed_lookup", default=None
)
_object_getattribute = object.__getattribute__


class _ContextProxy(LocalProxy):  # type: ignore[type-arg]
    """A :class:`~werkzeug.local.LocalProxy` whose attribute reads take one step.

    PERF: ``LocalProxy`` answers ``proxy.name`` only after Python's normal
    lookup has failed on the proxy, which costs an :exc:`AttributeError`
    built and discarded on every read of ``request.path`` or ``session.get``
    (0.35 µs of 0.6). Here ``__getattribute__`` answers the proxy's own
    names (everything its class defines: ``_get_current_object`` and the
    forwarding dunders) as before and forwards every other name to the
    proxied object at once, raising the same ``RuntimeError`` when no
    context is pushed. Python still calls ``__getattr__`` after a failed
    ``__getattribute__``; so that a failing attribute of the proxied object
    is not evaluated twice, the forwarded failure is kept in
    :data:`_failed_lookup` and ``__getattr__`` raises it again. Every other
    operation is ``LocalProxy``'s own.
    """

    __slots__ = ()

    def __getattribute__(self, name: str) -> t.Any:
        if name in _PROXY_NAMES:
            return _object_getattribute(self, name)
        target = _object_getattribute(self, "_get_current_object")()
        try:
            return getattr(target, name)
        except AttributeError as error:
            _failed_lookup.set((self, name, error))
            raise

    def __getattr__(self, name: str) -> t.Any:
        failed = _failed_lookup.get()
        if failed is not None and failed[0] is self and failed[1] == name:
            _failed_lookup.set(None)
            raise failed[2]
        # One of the proxy's own names failed: forward it, as LocalProxy does.
        return getattr(self._get_current_object(), name)

    def __repr__(self) -> str:
        # Outside a context, the text Flask's proxies give (Werkzeug's class name).
        try:
            found = self._get_current_object()
        except RuntimeError:
            return "<LocalProxy unbound>"
        return repr(found)


#: Names the proxy's class defines, which its instances answer themselves.
_PROXY_NAMES = frozenset(dir(_ContextProxy))


# Each proxy reads the context variable, then the named attribute of the
# context it holds; an unset variable raises RuntimeError with the message.
app_ctx: AppContext = LocalProxy(_cv_app, unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]
current_app: Flask = _ContextProxy(_cv_app, "app", unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]
g: _AppCtxGlobals = _ContextProxy(_cv_app, "g", unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]

request_ctx: RequestContext = LocalProxy(_cv_request, unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
request: Request = _ContextProxy(_cv_request, "request", unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
session: SessionMixin = _ContextProxy(_cv_request, "session", unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
