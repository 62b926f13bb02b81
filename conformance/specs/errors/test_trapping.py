"""``TRAP_HTTP_EXCEPTIONS`` and ``TRAP_BAD_REQUEST_ERRORS``."""

import pytest
from werkzeug.exceptions import BadRequest, BadRequestKeyError, NotFound


def _app(target, **config):
    app = target.make_app("conformance_errors_trapping")
    app.config.update(config)
    app.logger.disabled = True

    @app.route("/form", methods=["POST"])
    def form():
        return target.request.form["missing_key"]

    @app.route("/bad")
    def bad():
        target.abort(400)

    @app.route("/gone")
    def gone():
        target.abort(404)

    return app


def test_trap_http_exceptions_lets_an_unmatched_url_propagate(target):
    """With ``TRAP_HTTP_EXCEPTIONS`` the ``NotFound`` of an unmatched URL propagates to the test client instead of becoming a 404 page (Flask API: TRAP_HTTP_EXCEPTIONS)."""
    app = _app(target, TESTING=True, TRAP_HTTP_EXCEPTIONS=True)

    with pytest.raises(NotFound):
        app.test_client().get("/nowhere")


def test_trap_http_exceptions_still_uses_a_registered_handler(target):
    """A trapped HTTP exception is still given to a handler registered for its code, and propagates only without one (Flask API: Flask.trap_http_exception)."""
    app = _app(target, TESTING=True, TRAP_HTTP_EXCEPTIONS=True)
    app.register_error_handler(404, lambda e: ("handled 404", 404))

    response = app.test_client().get("/gone")

    assert (response.status_code, response.data) == (404, b"handled 404")
    with pytest.raises(BadRequest):
        app.test_client().get("/bad")


def test_trap_http_exceptions_outside_testing_gives_500(target):
    """With ``TRAP_HTTP_EXCEPTIONS`` and no propagation an aborted 404 is treated as an unhandled error and becomes a 500 (Flask API: TRAP_HTTP_EXCEPTIONS)."""
    app = _app(target, TESTING=False, PROPAGATE_EXCEPTIONS=False, TRAP_HTTP_EXCEPTIONS=True)

    response = app.test_client().get("/gone")

    assert response.status_code == 500


def test_missing_form_key_is_a_400_by_default(target):
    """Reading a missing key from ``request.form`` gives a 400 page whose text does not name the key when not debugging (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app = _app(target, TESTING=True)

    response = app.test_client().post("/form")

    assert response.status_code == 400
    assert "missing_key" not in response.get_data(as_text=True)


def test_missing_form_key_propagates_in_debug_mode(target):
    """With ``TRAP_BAD_REQUEST_ERRORS`` left at None, debug mode traps the ``BadRequestKeyError`` of a missing form key so it propagates (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app = _app(target, DEBUG=True)
    assert app.config["TRAP_BAD_REQUEST_ERRORS"] is None

    with pytest.raises(BadRequestKeyError) as info:
        app.test_client().post("/form")

    assert info.value.args == ("missing_key",)


def test_missing_form_key_names_the_key_in_debug_when_not_trapped(target):
    """In debug mode with ``TRAP_BAD_REQUEST_ERRORS=False`` a missing form key gives a 400 page that names the key (Flask API: Flask.handle_user_exception)."""
    app = _app(target, DEBUG=True, TRAP_BAD_REQUEST_ERRORS=False)

    response = app.test_client().post("/form")

    assert response.status_code == 400
    assert "KeyError: &#39;missing_key&#39;" in response.get_data(as_text=True)


def test_trap_bad_request_errors_traps_every_bad_request(target):
    """``TRAP_BAD_REQUEST_ERRORS=True`` makes any 400, including a plain ``abort(400)``, propagate, but leaves other codes alone (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app = _app(target, TESTING=True, TRAP_BAD_REQUEST_ERRORS=True)
    client = app.test_client()

    with pytest.raises(BadRequest):
        client.get("/bad")
    with pytest.raises(BadRequestKeyError):
        client.post("/form")
    assert client.get("/gone").status_code == 404


def test_trap_bad_request_errors_outside_testing_gives_500(target):
    """With ``TRAP_BAD_REQUEST_ERRORS=True`` and no propagation a missing form key becomes a 500 rather than a 400 (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app = _app(target, TESTING=False, PROPAGATE_EXCEPTIONS=False, TRAP_BAD_REQUEST_ERRORS=True)

    response = app.test_client().post("/form")

    assert response.status_code == 500


def test_trapped_key_error_still_reaches_a_400_handler(target):
    """In debug mode a ``BadRequestKeyError`` goes to a handler registered for 400, with ``show_exception`` set (Flask API: Flask.handle_user_exception)."""
    app = _app(target, DEBUG=True)

    @app.errorhandler(400)
    def handle(error):
        return f"{type(error).__name__} {error.show_exception}", 400

    response = app.test_client().post("/form")

    assert response.status_code == 400
    assert response.data == b"BadRequestKeyError True"


def test_trap_bad_request_errors_false_keeps_debug_from_trapping(target):
    """``TRAP_BAD_REQUEST_ERRORS=False`` turns trapping off even in debug mode, so an ``abort(400)`` gives a 400 page (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app = _app(target, DEBUG=True, TRAP_BAD_REQUEST_ERRORS=False)

    assert app.test_client().get("/bad").status_code == 400


def test_missing_args_key_is_a_400(target, app, client):
    """Reading a missing key from ``request.args`` gives a 400 Bad Request (Flask docs: The Request Object)."""

    @app.route("/q")
    def query():
        return target.request.args["page"]

    assert client.get("/q").status_code == 400
    assert client.get("/q?page=3").data == b"3"
