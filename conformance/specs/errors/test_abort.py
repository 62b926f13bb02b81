"""What ``abort`` raises and the responses it produces."""

import html

import pytest
from werkzeug.exceptions import Aborter, HTTPException, NotFound

from conformance.support import cases


class Paywall(HTTPException):
    code = 402
    description = "Pay first."


def _page(response):
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(("given", "expected"), cases("errors_abort_codes"))
def test_abort_code_gives_its_default_error_page(target, app, client, given, expected):
    """Calling ``abort`` with an HTTP error code in a view gives a response with that status whose HTML page shows the code, its name and its default description (Flask API: flask.abort)."""

    @app.route("/abort")
    def view():
        target.abort(given)

    response = client.get("/abort")

    assert response.status_code == expected["status"]
    assert response.mimetype == "text/html"
    page = _page(response)
    assert f"<title>{expected['status']} {expected['name']}</title>" in page
    assert f"<h1>{expected['name']}</h1>" in page
    assert f"<p>{expected['description']}</p>" in page


@pytest.mark.parametrize("how", ["positional", "keyword"])
def test_abort_description_replaces_the_default_text(target, app, client, how):
    """A description passed to ``abort`` positionally or as ``description=`` replaces the default text of the error page (Flask API: flask.abort)."""

    @app.route("/abort")
    def view():
        if how == "positional":
            target.abort(404, "No such <gadget>.")
        target.abort(404, description="No such <gadget>.")

    response = client.get("/abort")

    assert response.status_code == 404
    assert "<p>No such &lt;gadget&gt;.</p>" in response.get_data(as_text=True)
    assert "The requested URL was not found" not in response.get_data(as_text=True)


def test_abort_description_reaches_the_handler(target, app, client):
    """The exception an error handler receives from ``abort(code, description)`` carries that description and code (Flask API: flask.abort)."""

    @app.route("/abort")
    def view():
        target.abort(409, "Version clash")

    app.register_error_handler(409, lambda e: (f"{e.code}:{e.description}", 409))

    response = client.get("/abort")

    assert response.status_code == 409
    assert response.data == b"409:Version clash"


def test_abort_with_a_response_sends_it_unchanged(target, app, client):
    """Calling ``abort`` with a response object sends that response as is, with its status, headers and body (Flask API: flask.abort)."""

    @app.route("/abort")
    def view():
        target.abort(target.Response("custom body", status=418, headers={"X-Custom": "yes"}))

    response = client.get("/abort")

    assert response.status_code == 418
    assert response.data == b"custom body"
    assert response.headers["X-Custom"] == "yes"


def test_abort_with_a_response_skips_http_exception_handlers(target, app, client):
    """The exception raised by ``abort(response)`` has no code, so a handler for ``HTTPException`` does not see it (Flask API: Flask.handle_http_exception)."""
    seen = []

    @app.route("/abort")
    def view():
        target.abort(target.Response("kept", status=202))

    @app.errorhandler(HTTPException)
    def handler(error):
        seen.append(error)
        return "replaced", 500

    response = client.get("/abort")

    assert (response.status_code, response.data) == (202, b"kept")
    assert seen == []


def test_abort_with_a_response_carries_it_on_the_exception(target):
    """Outside any context ``abort(response)`` raises an ``HTTPException`` whose ``response`` is that object (Flask API: flask.abort)."""
    response = target.Response("x", status=409)

    with pytest.raises(HTTPException) as info:
        target.abort(response)

    assert info.value.response is response
    assert info.value.get_response() is response


@pytest.mark.parametrize("code", [200, 302, 999])
def test_abort_with_an_unknown_code_raises_lookup_error(target, app, code):
    """Calling ``abort`` in a request with a code that has no HTTP exception class raises ``LookupError`` (Flask API: flask.abort)."""
    with app.test_request_context("/"):
        with pytest.raises(LookupError):
            target.abort(code)


def test_abort_outside_a_context_raises_the_http_exception(target):
    """Without any context ``abort`` raises the HTTP exception for the code, with the given description (Flask API: flask.abort)."""
    assert not target.has_app_context()

    with pytest.raises(NotFound) as info:
        target.abort(404, "gone fishing")

    assert info.value.code == 404
    assert info.value.description == "gone fishing"


def test_abort_outside_a_context_with_an_unknown_code_raises_lookup_error(target):
    """Without any context ``abort`` with an unknown code raises ``LookupError`` (Flask API: flask.abort)."""
    with pytest.raises(LookupError):
        target.abort(299)


def test_abort_uses_the_application_aborter(target, client, app):
    """In a request ``abort`` calls ``app.aborter``, so codes mapped there by the application raise their own exception classes (Flask API: Flask.aborter)."""
    app.aborter = Aborter(extra={402: Paywall})

    @app.route("/pay")
    def view():
        target.abort(402)

    response = client.get("/pay")

    assert response.status_code == 402
    assert "<p>Pay first.</p>" in response.get_data(as_text=True)


def test_make_aborter_builds_the_aborter_class(target):
    """A ``Flask`` subclass setting ``aborter_class`` gets an instance of it as ``app.aborter``, used by ``abort`` in an application context (Flask API: Flask.aborter_class)."""

    class PayingAborter(Aborter):
        def __init__(self):
            super().__init__(extra={402: Paywall})

    class PayingFlask(target.Flask):
        aborter_class = PayingAborter

    paying = PayingFlask("conformance_paying")

    assert isinstance(paying.aborter, PayingAborter)
    with paying.app_context():
        with pytest.raises(Paywall):
            target.abort(402)
    with pytest.raises(LookupError):
        target.abort(402)
