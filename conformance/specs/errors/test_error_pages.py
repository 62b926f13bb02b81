"""The default error responses: 500 pages, 404, 405, HEAD and routing redirects."""

import html

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

SERVER_ERROR_TEXT = (
    "The server encountered an internal error and was unable to complete your request."
)


def _app(target, **config):
    app = target.make_app("conformance_errors_pages")
    app.config.update(config)
    app.logger.disabled = True

    @app.route("/boom")
    def boom():
        raise ValueError("private detail 8c1f")

    @app.route("/post-only", methods=["POST"])
    def post_only():
        return "posted"

    @app.route("/folder/")
    def folder():
        return "folder"

    return app


def test_production_500_page_has_no_traceback(target):
    """Outside testing an unhandled exception gives the generic 500 HTML page without the exception's message or a traceback (Flask docs: Unhandled Exceptions)."""
    app = _app(target, TESTING=False)

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    assert response.mimetype == "text/html"
    page = html.unescape(response.get_data(as_text=True))
    assert "<title>500 Internal Server Error</title>" in page
    assert SERVER_ERROR_TEXT in page
    assert "private detail 8c1f" not in page
    assert "Traceback" not in page


def test_debug_without_propagation_gives_the_same_500_page(target):
    """In debug mode with ``PROPAGATE_EXCEPTIONS=False`` the 500 response is the same generic page, with no traceback (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = _app(target, DEBUG=True, PROPAGATE_EXCEPTIONS=False)

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert SERVER_ERROR_TEXT in page
    assert "private detail 8c1f" not in page
    assert "Traceback" not in page


def test_unmatched_url_gives_the_404_page(target):
    """A URL no rule matches gives a 404 HTML page with Werkzeug's default text (Flask docs: Handling Application Errors)."""
    app = _app(target, TESTING=True)

    response = app.test_client().get("/nothing/here")

    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<title>404 Not Found</title>" in page
    assert "The requested URL was not found on the server." in page


def test_wrong_method_gives_405_page_with_allow_header(target):
    """A request with a method the rule does not accept gives a 405 page listing the allowed methods in ``Allow`` (Flask docs: HTTP Methods)."""
    app = _app(target, TESTING=True)

    response = app.test_client().get("/post-only")

    assert response.status_code == 405
    assert "<title>405 Method Not Allowed</title>" in response.get_data(as_text=True)
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_head_of_an_error_page_has_its_headers_but_no_body(target):
    """A HEAD request for a URL that errors gets the error status and the page's ``Content-Length`` but an empty body (Flask docs: HTTP Methods)."""
    app = _app(target, TESTING=True)
    client = app.test_client()

    full = client.get("/nothing")
    head = client.head("/nothing")

    assert head.status_code == 404
    assert head.data == b""
    assert head.headers["Content-Length"] == full.headers["Content-Length"] != "0"
    assert head.headers["Content-Type"] == "text/html; charset=utf-8"


def test_routing_redirect_is_not_given_to_handlers(target):
    """The redirect from a slashless URL to a rule ending in a slash is not given to handlers for ``HTTPException`` or ``RequestRedirect`` (Flask API: Flask.handle_http_exception)."""
    app = _app(target, TESTING=True)
    seen = []

    @app.errorhandler(HTTPException)
    def handle_http(error):
        seen.append(type(error).__name__)
        return "handled", 500

    @app.errorhandler(RequestRedirect)
    def handle_redirect(error):
        seen.append("redirect")
        return "handled redirect", 500

    response = app.test_client().get("/folder")

    assert response.status_code == 308
    assert response.headers["Location"].endswith("/folder/")
    assert seen == []
    assert app.test_client().get("/nothing").data == b"handled"
    assert seen == ["NotFound"]


def test_error_responses_pass_through_after_request(target):
    """The default page for an unhandled HTTP error passes through ``after_request`` functions (Flask API: Flask.after_request)."""
    app = _app(target, TESTING=True)

    @app.after_request
    def mark(response):
        response.headers["X-Processed"] = str(response.status_code)
        return response

    response = app.test_client().get("/nothing")

    assert response.status_code == 404
    assert response.headers["X-Processed"] == "404"


def test_production_500_page_passes_through_after_request(target):
    """The default 500 page produced outside testing also passes through ``after_request`` functions (Flask API: Flask.handle_exception)."""
    app = _app(target, TESTING=False)

    @app.after_request
    def mark(response):
        response.headers["X-Processed"] = str(response.status_code)
        return response

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    assert response.headers["X-Processed"] == "500"
