"""What error pages reveal outside debug mode, and the defaults that keep it so."""

import pytest

from .test_header_injection import INTERNAL_ERROR_PAGE

SECRET_TEXT = "db-password-hunter2"


def _failing_views(app, target):
    @app.route("/crash")
    def crash():
        raise RuntimeError(f"cannot connect with {SECRET_TEXT} and {app.secret_key}")

    @app.route("/missing-arg")
    def missing_arg():
        return target.request.args["token"]

    @app.route("/missing-form-field", methods=["POST"])
    def missing_form_field():
        return target.request.form["password"]


def test_unhandled_exception_gives_the_generic_500_page(target, app, client):
    """Outside testing and debug an unhandled exception answers the generic 500 page, which holds neither the exception text, the traceback nor ``SECRET_KEY`` (Flask docs: Handling Application Errors)."""
    app.testing = False
    _failing_views(app, target)

    response = client.get("/crash")

    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.text == INTERNAL_ERROR_PAGE
    for leaked in (SECRET_TEXT, app.secret_key, "Traceback", "RuntimeError"):
        assert leaked not in response.text


@pytest.mark.parametrize(
    ("method", "url", "name"),
    [("GET", "/missing-arg", "token"), ("POST", "/missing-form-field", "password")],
    ids=["args", "form"],
)
def test_missing_key_400_does_not_name_the_key(target, app, client, method, url, name):
    """Outside debug mode a missing ``args`` or ``form`` key answers the generic 400 page, which does not name the key (Flask API: Request.args)."""
    app.testing = False
    _failing_views(app, target)

    response = client.open(url, method=method)

    assert response.status_code == 400
    assert response.text == (
        "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n"
        "<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server "
        "could not understand.</p>\n"
    )
    assert name not in response.text


def test_missing_key_400_names_the_key_in_debug_mode(target, app, client):
    """In debug mode with ``TRAP_BAD_REQUEST_ERRORS`` off, the 400 for a missing ``args`` key names the key (Flask API: TRAP_BAD_REQUEST_ERRORS)."""
    app.testing = False
    app.debug = True
    app.config["TRAP_BAD_REQUEST_ERRORS"] = False
    _failing_views(app, target)

    response = client.get("/missing-arg")

    assert response.status_code == 400
    assert "KeyError: &#39;token&#39;" in response.text


def test_debug_mode_is_off_by_default(target):
    """A new application is not in debug mode or testing mode, and its config says the same (Flask API: Flask.debug)."""
    app = target.Flask("fresh_app")

    assert (app.debug, app.testing) == (False, False)
    assert (app.config["DEBUG"], app.config["TESTING"]) == (False, False)


def test_exception_propagation_is_left_to_debug_and_testing(target):
    """``PROPAGATE_EXCEPTIONS`` defaults to ``None``, so a new application propagates exceptions only in debug or testing mode (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = target.Flask("fresh_app")

    assert app.config["PROPAGATE_EXCEPTIONS"] is None
    assert app.config["TRAP_BAD_REQUEST_ERRORS"] is None
    assert app.config["TRAP_HTTP_EXCEPTIONS"] is False


def test_propagate_exceptions_false_hides_errors_even_when_testing(target, app, client):
    """With ``PROPAGATE_EXCEPTIONS`` set to ``False`` a testing application also answers the generic 500 page instead of raising (Flask API: PROPAGATE_EXCEPTIONS)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    _failing_views(app, target)

    response = client.get("/crash")

    assert (response.status_code, response.text) == (500, INTERNAL_ERROR_PAGE)


def test_a_500_handler_gets_the_exception_but_the_client_only_its_page(target, app, client):
    """A 500 error handler receives an ``InternalServerError`` whose ``original_exception`` is the view's exception, and the client sees only what the handler returns (Flask docs: Handling Application Errors)."""
    app.testing = False
    _failing_views(app, target)
    seen = []

    @app.errorhandler(500)
    def internal_error(error):
        seen.append((type(error).__name__, type(error.original_exception).__name__))
        return "Sorry, something broke.", 500

    response = client.get("/crash")

    assert (response.status_code, response.text) == (500, "Sorry, something broke.")
    assert seen == [("InternalServerError", "RuntimeError")]


def test_secret_key_is_absent_from_every_response(target, app, client):
    """``SECRET_KEY`` appears in neither the body nor the headers of a session-setting response or of a 404 (Flask docs: Security Considerations)."""

    @app.route("/login")
    def login():
        target.session["user"] = "alice"
        return "logged in"

    responses = [client.get("/login"), client.get("/no-such-page")]

    for response in responses:
        assert app.secret_key not in response.text
        assert app.secret_key not in str(response.headers)
    assert [response.status_code for response in responses] == [200, 404]
