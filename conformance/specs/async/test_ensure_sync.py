"""``Flask.ensure_sync`` and ``Flask.async_to_sync``: how coroutine functions become callable."""

import sys

import pytest


def test_ensure_sync_returns_plain_functions_unchanged(app):
    """``ensure_sync`` returns a plain ``def`` function as it is (Flask API: Flask.ensure_sync)."""

    def plain():
        return 1

    assert app.ensure_sync(plain) is plain


def test_ensure_sync_wraps_coroutine_functions(app):
    """``ensure_sync`` returns a new synchronous callable for an ``async def`` function that gives the awaited result (Flask API: Flask.ensure_sync)."""

    async def double(n, *, extra=0):
        return n * 2 + extra

    wrapped = app.ensure_sync(double)

    assert wrapped is not double
    assert wrapped(20, extra=2) == 42


def test_ensure_sync_wrapper_raises_the_coroutine_exception(app):
    """Calling the wrapper from ``ensure_sync`` raises the exception the coroutine raised (Flask API: Flask.ensure_sync)."""

    async def fails():
        raise LookupError("from the coroutine")

    with pytest.raises(LookupError, match="from the coroutine"):
        app.ensure_sync(fails)()


def test_async_to_sync_runs_a_coroutine_function(app):
    """``async_to_sync`` turns a coroutine function into a synchronous callable returning its result (Flask API: Flask.async_to_sync)."""

    async def greet(name):
        return f"hi {name}"

    assert app.async_to_sync(greet)("bob") == "hi bob"


def test_overridden_ensure_sync_is_used_for_views(target):
    """A subclass overriding ``ensure_sync`` changes how every view is called (Flask API: Flask.ensure_sync)."""
    wrapped = []

    class Tracing(target.Flask):
        def ensure_sync(self, func):
            wrapped.append(func.__name__)
            return super().ensure_sync(func)

    app = Tracing("conformance_tracing")

    @app.route("/")
    async def index():
        return "ok"

    assert app.test_client().get("/").data == b"ok"
    assert "index" in wrapped


def test_overridden_async_to_sync_runs_async_views(target):
    """A subclass overriding ``async_to_sync`` decides how ``async def`` views are run (Flask API: Flask.async_to_sync)."""

    class Custom(target.Flask):
        def async_to_sync(self, func):
            def run(*args, **kwargs):
                coroutine = func(*args, **kwargs)
                try:
                    coroutine.send(None)
                except StopIteration as done:
                    return f"custom:{done.value}"
                raise AssertionError("the coroutine suspended")

            return run

    app = Custom("conformance_custom_async")

    @app.route("/")
    async def index():
        return "view"

    assert app.test_client().get("/").data == b"custom:view"


def test_missing_asgiref_raises_runtime_error(app, monkeypatch):
    """Without ``asgiref``, wrapping a coroutine function raises ``RuntimeError`` telling to install Flask's ``async`` extra (Flask docs: Using async and await)."""
    monkeypatch.setitem(sys.modules, "asgiref.sync", None)

    async def view():
        return "never"

    with pytest.raises(RuntimeError, match="async"):
        app.ensure_sync(view)


def test_missing_asgiref_fails_async_view_requests(app, client, monkeypatch):
    """Without ``asgiref``, a request to an ``async def`` view fails with the ``RuntimeError`` naming the ``async`` extra (Flask docs: Using async and await)."""
    monkeypatch.setitem(sys.modules, "asgiref.sync", None)

    @app.route("/")
    async def index():
        return "never"

    with pytest.raises(RuntimeError, match="'async' extra"):
        client.get("/")


def test_missing_asgiref_does_not_affect_sync_views(app, client, monkeypatch):
    """Without ``asgiref``, plain ``def`` views keep working (Flask docs: Using async and await)."""
    monkeypatch.setitem(sys.modules, "asgiref.sync", None)

    @app.route("/")
    def index():
        return "still fine"

    assert client.get("/").data == b"still fine"
