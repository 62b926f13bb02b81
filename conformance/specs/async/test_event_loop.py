"""The event loop an ``async def`` view or hook runs in: what it keeps, cancels and refuses."""

import asyncio
import contextvars
import sys
import threading
import time

import pytest

marker = contextvars.ContextVar("conformance_async_marker")


def test_context_variable_set_by_a_coroutine_reaches_the_caller(app):
    """A context variable a coroutine sets is seen by the synchronous code that called the ``ensure_sync`` wrapper (Flask API: Flask.async_to_sync)."""

    async def mark():
        marker.set("set in the coroutine")

    def call_then_read():
        app.ensure_sync(mark)()
        return marker.get("unset")

    assert contextvars.copy_context().run(call_then_read) == "set in the coroutine"


def test_context_variable_set_by_async_before_request_reaches_the_view(app, client):
    """A context variable set in an ``async def`` ``before_request`` function is seen by the synchronous view that follows (Flask docs: Using async and await)."""

    @app.before_request
    async def remember():
        marker.set("from the hook")

    @app.route("/")
    def index():
        return marker.get("unset")

    assert client.get("/").get_data(as_text=True) == "from the hook"


def test_async_error_handler_runs_while_the_exception_is_handled(app, client):
    """An ``async def`` error handler runs while its exception is being handled, so ``sys.exc_info()`` returns it (Flask docs: Using async and await)."""

    @app.errorhandler(LookupError)
    async def handle(error):
        current = sys.exc_info()[1]
        return f"handling {type(current).__name__}: {current is error}"

    @app.route("/")
    def index():
        raise LookupError("missing")

    assert client.get("/").get_data(as_text=True) == "handling LookupError: True"


def test_tasks_left_running_by_a_view_are_cancelled(app, client):
    """Tasks an ``async def`` view spawns and leaves unfinished are cancelled when the view returns (Flask docs: Using async and await, Background tasks)."""
    fate = []

    async def background():
        try:
            await asyncio.sleep(30)
            fate.append("finished")
        except asyncio.CancelledError:
            fate.append("cancelled")
            raise

    @app.route("/")
    async def index():
        index.task = asyncio.get_running_loop().create_task(background())
        await asyncio.sleep(0)
        return "spawned"

    assert client.get("/").get_data(as_text=True) == "spawned"
    assert fate == ["cancelled"]


def test_async_generators_left_open_by_a_view_are_closed(app, client):
    """An async generator an ``async def`` view leaves unfinished, even one still referenced, is closed when the view returns (Flask docs: Using async and await, Background tasks)."""
    events = []
    kept = []

    async def numbers():
        try:
            for number in range(10):
                yield number
        finally:
            events.append("closed")

    @app.route("/")
    async def index():
        kept.append(numbers())
        first = await kept[0].__anext__()
        events.append(f"got {first}")
        return "partly read"

    assert client.get("/").get_data(as_text=True) == "partly read"
    assert events == ["got 0", "closed"]


def test_default_executor_jobs_finish_before_the_request_ends(app, client):
    """A function an ``async def`` view hands to the event loop's default executor without awaiting it has finished when the request ends (Flask docs: Using async and await)."""
    events = []

    def slow_job():
        time.sleep(0.2)
        events.append("job done")

    @app.route("/")
    async def index():
        asyncio.get_running_loop().run_in_executor(None, slow_job)
        return "handed over"

    assert client.get("/").get_data(as_text=True) == "handed over"
    assert events == ["job done"]


def test_wrapper_refuses_a_thread_with_a_running_event_loop(app):
    """Calling an ``async_to_sync`` wrapper from a thread whose event loop is running raises ``RuntimeError`` (Flask API: Flask.async_to_sync)."""

    async def answer():
        return 42

    wrapped = app.async_to_sync(answer)

    async def call_from_inside_a_loop():
        wrapped()

    with pytest.raises(RuntimeError):
        asyncio.run(call_from_inside_a_loop())


def test_each_call_runs_the_coroutine_to_completion(app, client):
    """Consecutive requests to an ``async def`` view each run their coroutine to completion (Flask docs: Using async and await)."""
    steps = []

    @app.route("/<int:n>")
    async def index(n):
        await asyncio.sleep(0)
        steps.append(n)
        return str(n)

    bodies = [client.get(f"/{n}").get_data(as_text=True) for n in range(3)]

    assert bodies == ["0", "1", "2"]
    assert steps == [0, 1, 2]


def test_async_views_serve_several_threads_at_once(app):
    """Requests to an ``async def`` view from several threads run at the same time, each to its own response (Flask docs: Using async and await)."""
    both_inside = threading.Barrier(2, timeout=10)

    @app.route("/<name>")
    async def index(name):
        both_inside.wait()
        return name

    bodies = {}

    def fetch(name):
        bodies[name] = app.test_client().get(f"/{name}").get_data(as_text=True)

    threads = [threading.Thread(target=fetch, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert bodies == {"one": "one", "two": "two"}


def test_views_served_through_wsgi_to_asgi_run_on_the_server_loop(app):
    """Served through asgiref's ``WsgiToAsgi``, an ``async def`` view runs on the ASGI server's event loop (Flask docs: Using async and await, When to use Quart instead)."""
    from asgiref.wsgi import WsgiToAsgi

    seen = {}

    @app.route("/")
    async def index():
        seen["view loop"] = asyncio.get_running_loop()
        return "over asgi"

    async def serve_one_request():
        seen["server loop"] = asyncio.get_running_loop()
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/",
            "raw_path": b"/",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"localhost")],
            "client": ("127.0.0.1", 5000),
            "server": ("localhost", 80),
        }
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await WsgiToAsgi(app)(scope, receive, send)
        return sent

    sent = asyncio.run(serve_one_request())

    assert sent[0]["status"] == 200
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"over asgi"
    assert seen["view loop"] is seen["server loop"]
