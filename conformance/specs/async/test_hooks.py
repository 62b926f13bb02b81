"""Async request hooks, teardown functions and other callbacks Flask runs through ``ensure_sync``."""

import asyncio


def test_async_before_request_runs_before_the_view(target, app, client):
    """An ``async def`` ``before_request`` function runs before the view, which sees what it stored (Flask docs: Using async and await)."""

    @app.before_request
    async def load():
        await asyncio.sleep(0)
        target.g.loaded = "by-async-hook"

    @app.route("/")
    def index():
        return target.g.loaded

    assert client.get("/").data == b"by-async-hook"


def test_async_before_request_return_value_stops_the_request(app, client):
    """A non-``None`` value returned by an ``async def`` ``before_request`` function becomes the response and the view is skipped (Flask docs: Using async and await)."""
    calls = []

    @app.before_request
    async def gate():
        return "blocked", 403

    @app.route("/")
    def index():
        calls.append("view")
        return "view"

    response = client.get("/")

    assert response.status_code == 403
    assert response.data == b"blocked"
    assert calls == []


def test_async_after_request_modifies_the_response(app, client):
    """An ``async def`` ``after_request`` function receives the response and its return value is sent (Flask docs: Using async and await)."""

    @app.after_request
    async def stamp(response):
        await asyncio.sleep(0)
        response.headers["X-Async-After"] = "1"
        return response

    @app.route("/")
    def index():
        return "ok"

    assert client.get("/").headers["X-Async-After"] == "1"


def test_async_teardown_request_receives_the_exception(app, client_app_500):
    """An ``async def`` ``teardown_request`` function runs after the request and receives the unhandled exception (Flask docs: Using async and await)."""
    app = client_app_500
    seen = []

    @app.teardown_request
    async def record(exc):
        seen.append(type(exc).__name__ if exc is not None else None)

    @app.route("/ok")
    def ok():
        return "ok"

    @app.route("/fail")
    def fail():
        raise KeyError("x")

    client = app.test_client()
    client.get("/ok")
    client.get("/fail")

    assert seen == [None, "KeyError"]


def test_async_teardown_appcontext_runs_on_pop(target, app):
    """An ``async def`` ``teardown_appcontext`` function runs when the application context is popped (Flask docs: Using async and await)."""
    seen = []

    @app.teardown_appcontext
    async def close(exc):
        await asyncio.sleep(0)
        seen.append(("closed", exc))

    with app.app_context():
        assert seen == []

    assert seen == [("closed", None)]


def test_async_after_this_request_callback(target, app, client):
    """An ``async def`` function registered with ``after_this_request`` is awaited and modifies the response (Flask API: after_this_request)."""

    @app.route("/")
    def index():
        @target.after_this_request
        async def add_header(response):
            response.headers["X-Once"] = "yes"
            return response

        return "ok"

    assert client.get("/").headers["X-Once"] == "yes"


def test_async_template_context_processor(target, app, client):
    """An ``async def`` template context processor is awaited and its values reach the template (Flask API: Flask.context_processor)."""

    @app.context_processor
    async def inject():
        await asyncio.sleep(0)
        return {"who": "coroutine"}

    @app.route("/")
    def index():
        return target.render_template_string("hello {{ who }}")

    assert client.get("/").data == b"hello coroutine"


def test_async_signal_receiver_is_called(target, app, client):
    """An ``async def`` receiver connected to ``request_started`` is awaited by Flask when the signal is sent (Flask docs: Signals)."""
    seen = []

    async def receiver(sender, **extra):
        await asyncio.sleep(0)
        seen.append(sender)

    @app.route("/")
    def index():
        return "ok"

    with target.signals.request_started.connected_to(receiver, app):
        client.get("/")

    assert seen == [app]


def test_copy_current_request_context_runs_a_coroutine_function(target, app, client):
    """``copy_current_request_context`` accepts an ``async def`` function and runs it synchronously with the copied request (Flask API: copy_current_request_context)."""

    @app.route("/path")
    def view():
        @target.copy_current_request_context
        async def inner(suffix):
            await asyncio.sleep(0)
            return target.request.path + suffix

        return inner("!")

    assert client.get("/path").data == b"/path!"
