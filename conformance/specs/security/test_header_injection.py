"""Carriage returns and line feeds smuggled into redirect targets, response headers,
cookies and status lines."""

import pytest

INTERNAL_ERROR_PAGE = (
    "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was "
    "unable to complete your request. Either the server is overloaded or there is an error "
    "in the application.</p>\n"
)

INJECTED = "/next\r\nX-Injected: yes"


def _injecting_views(app, target):
    @app.route("/redirect")
    def redirect():
        return target.redirect(target.request.args.get("next", INJECTED))

    @app.route("/tuple-headers")
    def tuple_headers():
        return "body", 200, {"X-Note": "a\r\nX-Injected: yes"}

    @app.route("/make-response")
    def make_response():
        return target.make_response("body", {"X-Note": "a\nX-Injected: yes"})

    @app.route("/assigned-header")
    def assigned_header():
        response = target.make_response("body")
        response.headers["X-Note"] = "a\rX-Injected: yes"
        return response


VIEWS = ["redirect", "tuple-headers", "make-response", "assigned-header"]


@pytest.mark.parametrize("view", VIEWS)
def test_newline_in_a_header_raises_value_error_under_testing(target, app, client, view):
    """A redirect target or response header value holding CR or LF raises ``ValueError`` in the view, which reaches the test client while ``TESTING`` propagates exceptions (Flask API: redirect)."""
    _injecting_views(app, target)

    with pytest.raises(ValueError, match="newline"):
        client.get(f"/{view}")


@pytest.mark.parametrize("view", VIEWS)
def test_newline_in_a_header_is_a_plain_500_in_production(target, app, client, view):
    """Outside testing and debug, a header value holding CR or LF answers the generic 500 page and no injected header reaches the client (Flask API: Flask.handle_exception)."""
    app.testing = False
    _injecting_views(app, target)

    response = client.get(f"/{view}")

    assert response.status_code == 500
    assert response.text == INTERNAL_ERROR_PAGE
    assert "X-Injected" not in response.headers
    assert "Location" not in response.headers


def test_newline_from_user_input_in_a_redirect_is_a_500(target, app, client):
    """A redirect to a user-given target that decodes to CR LF answers 500 outside testing rather than splitting the response (Flask API: redirect)."""
    app.testing = False
    _injecting_views(app, target)

    response = client.get("/redirect?next=/a%0d%0aSet-Cookie:%20admin=1")

    assert response.status_code == 500
    assert response.headers.getlist("Set-Cookie") == []


def test_percent_encoded_newlines_stay_encoded_in_location(target, app, client):
    """A redirect target carrying ``%0d%0a`` escapes keeps them escaped in the Location header, with spaces quoted (Flask API: redirect)."""
    _injecting_views(app, target)

    response = client.get("/redirect?next=/a%250d%250aX:%20y")

    assert response.status_code == 302
    assert response.headers["Location"] == "/a%0d%0aX:%20y"
    assert "X" not in response.headers


def test_non_ascii_redirect_target_is_percent_encoded(target, app, client):
    """A redirect target with non-ASCII characters and spaces is sent as a percent-encoded UTF-8 Location (Flask API: redirect)."""
    _injecting_views(app, target)

    response = client.get("/redirect", query_string={"next": "/\u00e9t\u00e9?q=\u00fc x"})

    assert response.headers["Location"] == "/%C3%A9t%C3%A9?q=%C3%BC%20x"


def test_redirect_target_is_not_restricted_to_the_site(target, app, client):
    """``redirect`` sends any target it is given, other hosts and schemes included, so checking user-given targets is the application's job (Flask API: redirect)."""
    _injecting_views(app, target)

    elsewhere = client.get("/redirect", query_string={"next": "//attacker.test/"})
    script = client.get("/redirect", query_string={"next": "javascript:alert(1)"})

    assert (elsewhere.status_code, elsewhere.headers["Location"]) == (302, "//attacker.test/")
    assert (script.status_code, script.headers["Location"]) == (302, "javascript:alert(1)")


def test_cookie_value_with_newlines_is_quoted(target, app, client):
    """``set_cookie`` with a value holding ``;``, CR and LF sends one Set-Cookie header with the value quoted and those characters escaped (Flask API: Response.set_cookie)."""

    @app.route("/cookie")
    def cookie():
        response = target.make_response("body")
        response.set_cookie("note", "a;b\r\nSet-Cookie: admin=1")
        return response

    response = client.get("/cookie")

    assert response.headers.getlist("Set-Cookie") == [
        'note="a\\073b\\015\\012Set-Cookie: admin=1"; Path=/'
    ]


def test_newline_in_a_status_string_adds_no_header(target, app, client):
    """A status string holding CR LF is kept as the status line verbatim and adds no header to the response (Flask API: Flask.make_response)."""

    @app.route("/status")
    def status():
        return "body", "200 OK\r\nX-Injected: yes"

    response = client.get("/status")

    assert response.status_code == 200
    assert response.status == "200 OK\r\nX-Injected: yes"
    assert "X-Injected" not in response.headers
