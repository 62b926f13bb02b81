"""The ``Response`` class: defaults, JSON, cookies, cookie size and custom classes."""

import warnings

import pytest


def test_string_return_is_html_utf8_with_status_200(target, app, client):
    """A view returning a string gives a 200 response of type ``text/html; charset=utf-8`` (Flask API: Response.default_mimetype)."""

    @app.route("/")
    def index():
        return "héllo"

    response = client.get("/")

    assert response.status == "200 OK"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.data == "héllo".encode()


def test_response_defaults(target):
    """A bare ``Response()`` has status 200, ``default_mimetype`` ``text/html`` and an empty body (Flask API: Response)."""
    response = target.Response()

    assert target.Response.default_mimetype == "text/html"
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.content_type == "text/html; charset=utf-8"
    assert response.get_data() == b""


def test_response_keeps_a_relative_location(target, app, client):
    """A redirect's relative ``Location`` is sent as given, not made absolute (Flask API: Response.autocorrect_location_header)."""

    @app.route("/")
    def index():
        return target.redirect("/elsewhere?x=1")

    response = client.get("/")

    assert response.headers["Location"] == "/elsewhere?x=1"
    assert target.Response.autocorrect_location_header is False


def test_response_get_json_decodes_a_json_response(target, app, client):
    """The test response's ``get_json()`` and ``json`` decode a JSON response body (Flask API: Response.get_json)."""

    @app.route("/")
    def index():
        return {"a": [1, 2]}

    response = client.get("/")

    assert response.mimetype == "application/json"
    assert response.get_json() == {"a": [1, 2]}
    assert response.json == {"a": [1, 2]}


def test_response_get_json_is_none_for_html(target, app, client):
    """``get_json(silent=True)`` on an HTML response is ``None`` (Flask API: Response.get_json)."""

    @app.route("/")
    def index():
        return "<p>no json</p>"

    assert client.get("/").get_json(silent=True) is None


def test_set_cookie_attributes(target, app, client):
    """``response.set_cookie`` writes the value with ``Max-Age``, ``Expires``, ``Path``, ``Domain``, ``Secure``, ``HttpOnly`` and ``SameSite`` attributes (Flask API: Response.set_cookie)."""

    @app.route("/")
    def index():
        response = target.make_response("x")
        response.set_cookie(
            "token",
            "abc",
            max_age=60,
            path="/p",
            domain="example.com",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        return response

    (header,) = client.get("/").headers.getlist("Set-Cookie")
    parts = [part.strip() for part in header.split(";")]

    assert parts[0] == "token=abc"
    assert {"Max-Age=60", "Path=/p", "Domain=example.com", "Secure", "HttpOnly"} <= set(parts)
    assert "SameSite=Strict" in parts
    assert any(part.startswith("Expires=") for part in parts)


def test_delete_cookie_expires_it(target, app, client):
    """``response.delete_cookie`` sends an empty value that expired in 1970 with ``Max-Age=0`` on the given path (Flask API: Response.delete_cookie)."""

    @app.route("/")
    def index():
        response = target.make_response("x")
        response.delete_cookie("token", path="/p")
        return response

    (header,) = client.get("/").headers.getlist("Set-Cookie")
    parts = [part.strip() for part in header.split(";")]

    assert parts[0] == "token="
    assert "Max-Age=0" in parts
    assert "Expires=Thu, 01 Jan 1970 00:00:00 GMT" in parts
    assert "Path=/p" in parts


def _big_cookie_view(app, target, size):
    @app.route("/")
    def index():
        response = target.make_response("x")
        response.set_cookie("big", "x" * size)
        return response


def test_oversized_cookie_warns(target, app, client):
    """Setting a cookie larger than ``MAX_COOKIE_SIZE`` (4093 bytes by default) emits a warning naming the cookie (Flask API: Response.max_cookie_size)."""
    _big_cookie_view(app, target, 5000)

    with pytest.warns(UserWarning, match="'big' cookie is too large"):
        client.get("/")


def test_max_cookie_size_config_lowers_the_limit(target, app, client):
    """A lower ``MAX_COOKIE_SIZE`` makes a small cookie trigger the size warning (Flask docs: Configuration Handling)."""
    app.config["MAX_COOKIE_SIZE"] = 20
    _big_cookie_view(app, target, 30)

    with pytest.warns(UserWarning, match="limit is 20 bytes"):
        client.get("/")


def test_max_cookie_size_zero_disables_the_warning(target, app, client):
    """``MAX_COOKIE_SIZE = 0`` turns the oversized cookie warning off (Flask docs: Configuration Handling)."""
    app.config["MAX_COOKIE_SIZE"] = 0
    _big_cookie_view(app, target, 5000)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        response = client.get("/")

    assert len(response.headers["Set-Cookie"]) > 5000


def test_max_cookie_size_reads_the_config(target, app):
    """``Response.max_cookie_size`` is the ``MAX_COOKIE_SIZE`` config of the current app, and Werkzeug's 4093 outside an app context (Flask API: Response.max_cookie_size)."""
    app.config["MAX_COOKIE_SIZE"] = 123

    with app.app_context():
        inside = target.Response().max_cookie_size

    assert inside == 123
    assert target.Response().max_cookie_size == 4093


def test_custom_response_class_wraps_string_returns(target, app, client):
    """Strings returned by views are wrapped in ``app.response_class``, so its ``default_mimetype`` applies (Flask API: Flask.response_class)."""

    class PlainResponse(target.Response):
        default_mimetype = "text/plain"

    app.response_class = PlainResponse
    made = []
    app.after_request(lambda response: made.append(type(response)) or response)

    @app.route("/")
    def index():
        return "hi"

    response = client.get("/")

    assert made == [PlainResponse]
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_custom_response_class_wraps_dict_returns(target, app, client):
    """Dicts returned by views become JSON responses of ``app.response_class`` (Flask API: Flask.response_class)."""

    class Tagged(target.Response):
        pass

    app.response_class = Tagged
    made = []
    app.after_request(lambda response: made.append(type(response)) or response)

    @app.route("/")
    def index():
        return {"a": 1}

    response = client.get("/")

    assert made == [Tagged]
    assert response.get_json() == {"a": 1}


def test_custom_request_class_is_used(target, app, client):
    """Requests are built from ``app.request_class``, so a subclass's attributes are available on ``request`` (Flask API: Flask.request_class)."""

    class TracedRequest(target.Request):
        @property
        def trace_id(self):
            return self.headers.get("X-Trace", "none")

    app.request_class = TracedRequest

    @app.route("/")
    def index():
        assert isinstance(target.request, TracedRequest)
        return target.request.trace_id

    assert client.get("/", headers={"X-Trace": "t-1"}).data == b"t-1"


def test_request_class_is_used_by_test_request_context(target, app):
    """``test_request_context`` builds its request from ``app.request_class`` too (Flask API: Flask.request_class)."""

    class Marked(target.Request):
        marker = "marked"

    app.request_class = Marked

    with app.test_request_context():
        assert target.request.marker == "marked"
