"""Quart: Flask's API on asyncio, by the Pallets project.

Quart keeps Flask's module layout (``quart.ctx``, ``quart.json.tag``,
``quart.testing``...) and spells a few class names after itself: ``Quart`` for
``Flask``, ``QuartClient`` for ``FlaskClient``, ``QuartCliRunner`` and
``QuartGroup``. Its test client is asynchronous: every request method is a
coroutine, and so are a response's ``get_data()``, ``data``, ``get_json()`` and
``json``. The adapter builds clients that run those coroutines on an event loop
it owns, so the synchronous specs drive Quart unchanged. Only the client the
adapter builds is wrapped: a spec calling ``app.test_client()`` itself, or
pushing a context with ``with``, meets Quart as it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

from conformance.adapters import FrameworkAdapter

_Result = TypeVar("_Result")

#: The event loop every Quart coroutine of this process runs on. It is made on
#: first use and lives as long as the process: Quart's apps and clients keep
#: loop-bound state between requests, and a loop dropped with an adapter would
#: be collected unclosed.
_loop: asyncio.AbstractEventLoop | None = None


class QuartAdapter(FrameworkAdapter):
    """Quart seen as Flask: renamed classes, and a synchronous test client."""

    package = "quart"
    distribution = "Quart"
    renames = {
        "Flask": "Quart",
        "FlaskClient": "QuartClient",
        "FlaskCliRunner": "QuartCliRunner",
        "FlaskGroup": "QuartGroup",
    }

    def run(
        self,
        awaitable: Coroutine[Any, Any, _Result],
        context: contextvars.Context | None = None,
    ) -> _Result:
        """Run one of Quart's coroutines to its end on the adapters' event loop.

        With *context*, the coroutine runs in that ``contextvars`` context, so
        context variables one call sets (a pushed request context) are there
        for the next call given the same context.
        """
        global _loop
        if _loop is None or _loop.is_closed():
            _loop = asyncio.new_event_loop()
        return _loop.run_until_complete(_loop.create_task(awaitable, context=context))

    def make_client(self, app: Any, **options: Any) -> SyncClient:
        return SyncClient(app.test_client(**options), self)


class SyncClient:
    """Quart's test client with each request awaited, as Flask's client returns responses.

    Methods that are not coroutines in Quart (``set_cookie``, ``delete_cookie``)
    and attributes pass through unchanged. All of one client's coroutines run
    in one ``contextvars`` context, as they would in one test coroutine: what
    ``session_transaction`` or ``with client:`` pushes on entry is there to pop
    on exit. That context is not the caller's, so a request context the client
    preserves is not seen by code outside the client.
    """

    def __init__(self, client: Any, adapter: QuartAdapter) -> None:
        self._client = client
        self._adapter = adapter
        self._context = contextvars.copy_context()

    def _run(self, awaitable: Coroutine[Any, Any, _Result]) -> _Result:
        return self._adapter.run(awaitable, self._context)

    def open(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.open(*args, **kwargs))

    def get(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.get(*args, **kwargs))

    def post(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.post(*args, **kwargs))

    def put(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.put(*args, **kwargs))

    def patch(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.patch(*args, **kwargs))

    def delete(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.delete(*args, **kwargs))

    def head(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.head(*args, **kwargs))

    def options(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.options(*args, **kwargs))

    def trace(self, *args: Any, **kwargs: Any) -> SyncResponse:
        return self._respond(self._client.trace(*args, **kwargs))

    def _respond(self, request: Coroutine[Any, Any, Any]) -> SyncResponse:
        return SyncResponse(self._run(request), self._adapter)

    @contextlib.contextmanager
    def session_transaction(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        """Quart's ``async with client.session_transaction()``, entered and left synchronously."""
        transaction = self._client.session_transaction(*args, **kwargs)
        session = self._run(transaction.__aenter__())
        try:
            yield session
        except BaseException as error:
            if not self._run(transaction.__aexit__(type(error), error, None)):
                raise
        else:
            self._run(transaction.__aexit__(None, None, None))

    def __enter__(self) -> SyncClient:
        self._run(self._client.__aenter__())
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._run(self._client.__aexit__(*exc_info))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


class SyncResponse:
    """A Quart response whose body and JSON are read by awaiting them.

    ``status_code``, ``headers``, ``mimetype`` and every other attribute are
    Quart's own, passed through.
    """

    def __init__(self, response: Any, adapter: QuartAdapter) -> None:
        self._response = response
        self._adapter = adapter

    def get_data(self, as_text: bool = False) -> bytes | str:
        return self._adapter.run(self._response.get_data(as_text=as_text))

    @property
    def data(self) -> bytes:
        return self._adapter.run(self._response.get_data())

    @property
    def text(self) -> str:
        return self._adapter.run(self._response.get_data(as_text=True))

    def get_json(self, force: bool = False, silent: bool = False) -> Any:
        return self._adapter.run(self._response.get_json(force=force, silent=silent))

    @property
    def json(self) -> Any:
        return self._adapter.run(self._response.json)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._response, name)

    def __repr__(self) -> str:
        return repr(self._response)
