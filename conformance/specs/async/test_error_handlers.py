"""``async def`` error handlers for exception classes, status codes and blueprints."""

import asyncio


def test_async_error_handler_for_exception_class(target, app, client):
    """An ``async def`` error handler registered for an exception class handles it raised in a view (Flask docs: Using async and await)."""

    class OutOfStock(Exception):
        pass

    @app.errorhandler(OutOfStock)
    async def handle(error):
        await asyncio.sleep(0)
        return f"handled {error.args[0]}", 409

    @app.route("/buy")
    def buy():
        raise OutOfStock("apples")

    response = client.get("/buy")

    assert response.status_code == 409
    assert response.data == b"handled apples"


def test_async_error_handler_for_status_code(app, client):
    """An ``async def`` error handler registered for 404 renders the response for unknown URLs (Flask docs: Using async and await)."""

    @app.errorhandler(404)
    async def not_found(error):
        return f"nothing here ({error.code})", 404

    response = client.get("/nowhere")

    assert response.status_code == 404
    assert response.data == b"nothing here (404)"


def test_async_error_handler_for_exception_raised_in_async_view(app, client):
    """An exception raised in an ``async def`` view reaches the error handler registered for its class (Flask docs: Using async and await)."""

    @app.errorhandler(LookupError)
    async def handle(error):
        return type(error).__name__, 400

    @app.route("/")
    async def index():
        await asyncio.sleep(0)
        raise KeyError("k")

    response = client.get("/")

    assert response.status_code == 400
    assert response.data == b"KeyError"


def test_async_500_handler_receives_unhandled_exception(client_app_500):
    """An ``async def`` handler for 500 runs for an unhandled exception and sees the original exception (Flask docs: Using async and await)."""
    app = client_app_500

    @app.errorhandler(500)
    async def server_error(error):
        return f"500 from {type(error.original_exception).__name__}", 500

    @app.route("/")
    async def index():
        raise ZeroDivisionError

    response = app.test_client().get("/")

    assert response.status_code == 500
    assert response.data == b"500 from ZeroDivisionError"


def test_async_blueprint_error_handler(target, app, client):
    """An ``async def`` error handler registered on a blueprint handles errors from that blueprint's views (Flask docs: Using async and await)."""
    bp = target.Blueprint("api", __name__, url_prefix="/api")

    @bp.errorhandler(ValueError)
    async def bad_value(error):
        return {"error": str(error)}, 422

    @bp.route("/")
    async def index():
        raise ValueError("bad input")

    app.register_blueprint(bp)

    response = client.get("/api/")

    assert response.status_code == 422
    assert response.get_json() == {"error": "bad input"}
