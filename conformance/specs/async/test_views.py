"""``async def`` view functions: return values, arguments, contexts and failures."""

import asyncio
import contextvars

import pytest

_marker = contextvars.ContextVar("conformance_async_marker", default="unset")


def test_async_view_return_value_is_the_response_body(app, client):
    """The string an ``async def`` view returns becomes the response body (Flask docs: Using async and await)."""

    @app.route("/")
    async def index():
        return "from a coroutine"

    response = client.get("/")

    assert response.status_code == 200
    assert response.data == b"from a coroutine"


def test_async_view_receives_url_arguments(app, client):
    """An ``async def`` view receives the converted URL variables as keyword arguments (Flask docs: Using async and await)."""

    @app.route("/add/<int:a>/<int:b>")
    async def add(a, b):
        return f"{a + b} {type(a).__name__}"

    assert client.get("/add/2/40").data == b"42 int"


def test_async_view_can_await(app, client):
    """An ``async def`` view can ``await`` other coroutines before returning (Flask docs: Using async and await)."""

    async def double(n):
        await asyncio.sleep(0)
        return n * 2

    @app.route("/double/<int:n>")
    async def show(n):
        await asyncio.sleep(0)
        return str(await double(n))

    assert client.get("/double/21").data == b"42"


def test_async_view_awaits_concurrent_tasks(app, client):
    """An ``async def`` view runs inside an event loop, so it can gather several coroutines at once (Flask docs: Using async and await)."""

    async def echo(n):
        await asyncio.sleep(0)
        return n

    @app.route("/gather")
    async def gather():
        values = await asyncio.gather(echo(1), echo(2), echo(3))
        return ",".join(map(str, values))

    assert client.get("/gather").data == b"1,2,3"


def test_async_view_tuple_return_sets_status_and_headers(app, client):
    """A ``(body, status, headers)`` tuple returned by an ``async def`` view sets the status and headers (Flask docs: Using async and await)."""

    @app.route("/created")
    async def created():
        return "made", 201, {"X-Made": "yes"}

    response = client.get("/created")

    assert response.status_code == 201
    assert response.headers["X-Made"] == "yes"
    assert response.data == b"made"


def test_async_view_dict_return_is_json(app, client):
    """A dict returned by an ``async def`` view becomes a JSON response (Flask docs: Using async and await)."""

    @app.route("/data")
    async def data():
        return {"answer": 42}

    response = client.get("/data")

    assert response.mimetype == "application/json"
    assert response.get_json() == {"answer": 42}


def test_async_view_response_object_is_used(target, app, client):
    """A response object returned by an ``async def`` view is sent as it is (Flask docs: Using async and await)."""

    @app.route("/raw")
    async def raw():
        return target.Response("teapot", status=418, mimetype="text/x-tea")

    response = client.get("/raw")

    assert response.status_code == 418
    assert response.mimetype == "text/x-tea"


def test_async_view_sees_request(target, app, client):
    """``request`` inside an ``async def`` view is the current request, with its arguments and method (Flask docs: Using async and await)."""

    @app.route("/echo", methods=["POST"])
    async def echo():
        await asyncio.sleep(0)
        return f"{target.request.method} {target.request.args['q']} {target.request.form['f']}"

    assert client.post("/echo?q=1", data={"f": "2"}).data == b"POST 1 2"


def test_async_view_shares_g_with_sync_hooks(target, app, client):
    """Values a synchronous ``before_request`` stores on ``g`` are visible to an ``async def`` view, and back (Flask docs: Using async and await)."""
    seen = []

    @app.before_request
    def load():
        target.g.user = "alice"

    @app.route("/")
    async def index():
        target.g.from_view = "set-in-view"
        return target.g.user

    @app.after_request
    def after(response):
        seen.append(target.g.from_view)
        return response

    assert client.get("/").data == b"alice"
    assert seen == ["set-in-view"]


def test_async_view_writes_the_session(target, app, client):
    """An ``async def`` view can read and modify ``session``, and the change is saved in the cookie (Flask docs: Using async and await)."""

    @app.route("/inc")
    async def inc():
        target.session["n"] = target.session.get("n", 0) + 1
        return str(target.session["n"])

    assert client.get("/inc").data == b"1"
    assert client.get("/inc").data == b"2"


def test_async_view_sees_context_variables(app, client):
    """A context variable set by a synchronous hook during the request is visible inside an ``async def`` view (Flask docs: Using async and await)."""

    @app.before_request
    def mark():
        _marker.set("from-before-request")

    @app.route("/")
    async def index():
        return _marker.get()

    assert client.get("/").data == b"from-before-request"


def test_async_view_sees_current_app(target, app, client):
    """``current_app`` inside an ``async def`` view is the application handling the request (Flask docs: Using async and await)."""

    @app.route("/")
    async def index():
        return str(target.current_app._get_current_object() is app)

    assert client.get("/").data == b"True"


def test_async_view_url_for_works(target, app, client):
    """``url_for`` builds URLs inside an ``async def`` view, where the request context is available (Flask docs: Using async and await)."""

    @app.route("/item/<int:n>")
    async def item(n):
        return target.url_for("item", n=n + 1)

    assert client.get("/item/1").data == b"/item/2"


def test_async_view_abort_gives_http_error(target, app, client):
    """``abort(404)`` inside an ``async def`` view produces a 404 response (Flask docs: Using async and await)."""

    @app.route("/missing")
    async def missing():
        await asyncio.sleep(0)
        target.abort(404)

    assert client.get("/missing").status_code == 404


def test_async_view_exception_propagates_in_testing(app, client):
    """An exception raised in an ``async def`` view reaches the test client unchanged when ``TESTING`` is on (Flask docs: Using async and await)."""

    class Broken(Exception):
        pass

    @app.route("/broken")
    async def broken():
        raise Broken("inside the coroutine")

    with pytest.raises(Broken, match="inside the coroutine"):
        client.get("/broken")


def test_async_view_exception_is_500_without_testing(target, client_app_500):
    """An unhandled exception in an ``async def`` view becomes a 500 response when exceptions do not propagate (Flask docs: Using async and await)."""
    app = client_app_500

    @app.route("/broken")
    async def broken():
        raise ValueError("inside the coroutine")

    assert app.test_client().get("/broken").status_code == 500


def test_async_generator_view_is_not_a_valid_response(app, client):
    """An ``async def`` generator is not supported as a view: its return value is rejected with ``TypeError`` (Flask docs: Using async and await)."""

    @app.route("/stream")
    async def stream():
        yield "chunk"

    with pytest.raises(TypeError, match="did not return a valid response"):
        client.get("/stream")


def test_async_view_in_blueprint(target, app, client):
    """``async def`` views and hooks registered on a blueprint run under the blueprint's prefix (Flask docs: Using async and await)."""
    bp = target.Blueprint("shop", __name__, url_prefix="/shop")

    @bp.before_request
    async def mark():
        target.g.where = "blueprint-hook"

    @bp.route("/<name>")
    async def item(name):
        await asyncio.sleep(0)
        return f"{target.request.blueprint}:{name}:{target.g.where}"

    app.register_blueprint(bp)

    assert client.get("/shop/apple").data == b"shop:apple:blueprint-hook"
