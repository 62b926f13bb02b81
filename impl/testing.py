"""Test helpers: an app-aware environ builder, test client and CLI runner."""

from __future__ import annotations

import typing as t
from contextlib import ExitStack, closing, contextmanager
from copy import copy
from functools import cache
from importlib.metadata import version as _distribution_version
from urllib.parse import urlsplit

import werkzeug.test
from click.testing import CliRunner, Result
from werkzeug.wrappers import Request as BaseRequest

from .cli import ScriptInfo
from .sessions import SessionMixin

if t.TYPE_CHECKING:
    import types

    Traceback = types.TracebackType | None

    from _typeshed.wsgi import WSGIEnvironment
    from werkzeug.test import TestResponse

    from .app import Flask
    from .ctx import RequestContext

#: Environ key the app calls with each context it would pop, to keep it.
_PRESERVE_KEY = "werkzeug.debug.preserve_context"

_Text = str | None
_Options = dict[str, t.Any]


@cache
def _user_agent() -> str:
    """``Werkzeug/<version>``, the User-Agent test requests send by default."""
    return f"Werkzeug/{_distribution_version('werkzeug')}"


class EnvironBuilder(werkzeug.test.EnvironBuilder):
    """A Werkzeug environ builder whose defaults come from the app's config.

    Host, scheme and script root follow ``SERVER_NAME``, ``PREFERRED_URL_SCHEME``
    and ``APPLICATION_ROOT``; JSON bodies are serialised with ``app.json``.

    :param app: the application the environ is for.
    :param path: request path; may be a full URL, whose scheme, host and
        query string are then used.
    :param base_url: scheme, host and root path; exclusive with *subdomain*
        and *url_scheme*.
    :param subdomain: subdomain prepended to the server name.
    :param url_scheme: scheme instead of ``PREFERRED_URL_SCHEME``.
    """

    def __init__(
        self,
        app: Flask,
        path: str = "/",
        base_url: _Text = None,
        subdomain: _Text = None,
        url_scheme: _Text = None,
        *args: t.Any,
        **kwargs: t.Any,
    ) -> None:
        if base_url is not None and (subdomain or url_scheme):
            raise AssertionError(
                '"base_url" already gives the scheme and host; "subdomain" and "url_scheme"'
                " cannot be added to it."
            )
        if base_url is None:
            config = app.config
            host = config.get("SERVER_NAME") or "localhost"
            if subdomain:
                host = f"{subdomain}.{host}"
            parts = urlsplit(path)
            scheme = parts.scheme or url_scheme or config["PREFERRED_URL_SCHEME"]
            root = config["APPLICATION_ROOT"].lstrip("/")
            base_url = f"{scheme}://{parts.netloc or host}/{root}"
            path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        self.app = app
        super().__init__(path, base_url, *args, **kwargs)

    def json_dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialise a ``json=`` body with the app's JSON provider."""
        return self.app.json.dumps(obj, **kwargs)


class FlaskClient(werkzeug.test.Client):
    """A test client that knows the app: sessions, contexts, config defaults.

    Inside ``with client:`` the contexts of the last request stay pushed
    after its response, so ``request``, ``session`` and ``g`` can be
    inspected; they are popped by the next request or when the block ends.
    """

    application: Flask
    #: Whether contexts are being kept, which they are inside ``with client:``.
    preserve_context = False

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        #: Environ values every request starts from.
        self.environ_base = {"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": _user_agent()}
        # Contexts the app handed over during the current request, then the
        # ones kept pushed from the last request until the next one starts.
        self._handed_over: list[t.ContextManager[t.Any]] = []
        self._kept = ExitStack()

    @contextmanager
    def session_transaction(self, *args: t.Any, **kwargs: t.Any) -> t.Iterator[SessionMixin]:
        """Open the client's session for editing; it is saved back on exit.

        Arguments build a request context as for
        :meth:`~impl.Flask.test_request_context`, which decides which
        cookies (domain, path) are read and written.
        """
        if self._cookies is None:
            raise TypeError(
                "Cookies are disabled for this client; create it with 'use_cookies=True'."
            )
        app = self.application
        interface = app.session_interface
        context = self._context_with_cookies(args, kwargs)
        with context:
            opened = interface.open_session(app, context.request)
        if opened is None:
            raise RuntimeError(
                "Session backend did not open a session: the app's session interface"
                " returned None from open_session."
            )

        yield opened

        if interface.is_null_session(opened):
            return
        response = app.response_class()
        with context:
            interface.save_session(app, opened, response)
        request = context.request
        self._update_cookies_from_response(
            request.host.partition(":")[0], request.path, response.headers.getlist("Set-Cookie")
        )

    def _context_with_cookies(
        self, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]
    ) -> RequestContext:
        """A test request context whose environ carries the client's cookies."""
        context = self.application.test_request_context(*args, **kwargs)
        self._add_cookies_to_wsgi(context.request.environ)
        return context

    def _copy_environ(self, other: WSGIEnvironment) -> WSGIEnvironment:
        merged = {**self.environ_base, **other}
        if self.preserve_context:
            merged[_PRESERVE_KEY] = self._handed_over.append
        return merged

    def _request_from_arguments(self, args: tuple[t.Any, ...], kwargs: _Options) -> BaseRequest:
        environ_base = self._copy_environ(kwargs.pop("environ_base", {}))
        with closing(
            EnvironBuilder(self.application, *args, environ_base=environ_base, **kwargs)
        ) as builder:
            return builder.get_request()

    def _request_from_object(self, given: t.Any) -> BaseRequest:
        """A request from a prepared builder, environ dict or request object."""
        if isinstance(given, werkzeug.test.EnvironBuilder):
            builder = copy(given)
            builder.environ_base = self._copy_environ(builder.environ_base or {})
            return builder.get_request()
        if isinstance(given, dict):
            builder = EnvironBuilder.from_environ(
                given, app=self.application, environ_base=self._copy_environ({})
            )
            return builder.get_request()
        request = copy(given)
        request.environ = self._copy_environ(request.environ)
        return request

    def open(
        self, *args: t.Any, buffered: bool = False, follow_redirects: bool = False, **kwargs: t.Any
    ) -> TestResponse:
        """Send a request to the app; arguments as for :class:`EnvironBuilder`."""
        if args and isinstance(args[0], (werkzeug.test.EnvironBuilder, dict, BaseRequest)):
            request = self._request_from_object(args[0])
        else:
            request = self._request_from_arguments(args, kwargs)

        # Contexts kept from the previous request end before the next one.
        self._kept.close()
        response = super().open(request, buffered=buffered, follow_redirects=follow_redirects)
        response.json_module = self.application.json  # type: ignore[assignment]

        # Push again the contexts the request handed over (app context first),
        # so they stay active until the next request or the end of the block.
        kept = self._handed_over
        for context in kept:
            self._kept.enter_context(context)
        kept.clear()
        return response

    def __enter__(self) -> FlaskClient:
        if not self.preserve_context:
            self.preserve_context = True
            return self
        raise RuntimeError(
            "Cannot nest client invocations: this client is already in a with block."
        )

    def __exit__(
        self, exc_type: type | None, exc_value: BaseException | None, tb: Traceback
    ) -> None:
        # Stop keeping contexts, then pop the ones kept from the last request.
        self.preserve_context = False
        self._kept.close()


class FlaskCliRunner(CliRunner):
    """A Click test runner that invokes commands with the app loaded."""

    def __init__(self, app: Flask, **kwargs: t.Any) -> None:
        super().__init__(**kwargs)
        #: The application whose commands are run.
        self.app = app

    def invoke(  # type: ignore[override]
        self, cli: t.Any = None, args: t.Any = None, **kwargs: t.Any
    ) -> Result:
        """Run *cli* (the app's command group by default) with *args*.

        A :class:`~impl.cli.ScriptInfo` that returns the app is passed as
        ``obj`` unless given.
        """
        kwargs.setdefault("obj", None)
        if kwargs["obj"] is None:
            kwargs["obj"] = ScriptInfo(create_app=self._get_app)
        return super().invoke(self.app.cli if cli is None else cli, args, **kwargs)

    def _get_app(self) -> Flask:
        return self.app
