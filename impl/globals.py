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


class _ContextProxy(LocalProxy):  # type: ignore[type-arg]
    """A :class:`~werkzeug.local.LocalProxy` whose attribute reads take one step.

    PERF: ``LocalProxy`` answers ``proxy.name`` through a descriptor that
    builds a bound function on each access before reading the object; here
    ``__getattr__`` is a plain method that reads the proxied object (raising
    the same ``RuntimeError`` when no context is pushed) and then the
    attribute, about half the time per read of ``request.path`` or
    ``session.get``. Every other operation is ``LocalProxy``'s own.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> t.Any:
        return getattr(self._get_current_object(), name)


# Each proxy reads the context variable, then the named attribute of the
# context it holds; an unset variable raises RuntimeError with the message.
app_ctx: AppContext = LocalProxy(_cv_app, unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]
current_app: Flask = _ContextProxy(_cv_app, "app", unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]
g: _AppCtxGlobals = _ContextProxy(_cv_app, "g", unbound_message=_OUTSIDE_APP)  # type: ignore[assignment]

request_ctx: RequestContext = LocalProxy(_cv_request, unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
request: Request = _ContextProxy(_cv_request, "request", unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
session: SessionMixin = _ContextProxy(_cv_request, "session", unbound_message=_OUTSIDE_REQUEST)  # type: ignore[assignment]
