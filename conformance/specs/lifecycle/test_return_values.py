"""How the value a view returns becomes a response."""

import pytest
from werkzeug.datastructures import Headers

from conformance.support import cases


def _as_return_value(given):
    """Build the view's return value from a table record (JSON has no tuples)."""
    if "return" in given:
        return given["return"]
    items = list(given["tuple"])
    for index, item in enumerate(items):
        if index > 0 and isinstance(item, list):
            items[index] = [tuple(pair) for pair in item]
    return tuple(items)


def _view_returning(app, value):
    app.add_url_rule("/", "index", lambda: value)


@pytest.mark.parametrize(("given", "expected"), cases("lifecycle_return_values"))
def test_view_return_value_becomes_response(app, client, given, expected):
    """A view's str, dict, list or ``(body, status)``, ``(body, headers)``, ``(body, status, headers)`` tuple is turned into the matching response (Flask docs: About Responses)."""
    _view_returning(app, _as_return_value(given))

    response = client.get("/")
    assert response.status == expected["status"]
    if "body" in expected:
        assert response.get_data(as_text=True) == expected["body"]
    if "json" in expected:
        assert response.get_json() == expected["json"]
    if "content_type" in expected:
        assert response.content_type == expected["content_type"]
    for name, values in expected.get("headers", {}).items():
        assert response.headers.getlist(name) == values


def test_bytes_are_sent_unchanged_as_html(app, client):
    """Bytes returned by a view are the response body as they are, with an HTML content type (Flask docs: About Responses)."""
    _view_returning(app, b"\xff\x00raw")

    response = client.get("/")
    assert response.status_code == 200
    assert response.data == b"\xff\x00raw"
    assert response.mimetype == "text/html"


def test_response_object_is_used_as_is(target, app, client):
    """A response object returned by a view is sent with its own status, body and content type (Flask docs: About Responses)."""
    app.add_url_rule(
        "/", "index", lambda: target.Response("own", status=203, mimetype="text/x-own")
    )

    response = client.get("/")
    assert response.status_code == 203
    assert response.data == b"own"
    assert response.mimetype == "text/x-own"


def test_tuple_with_response_object_overrides_status_and_adds_headers(target, app, client):
    """A ``(response, status, headers)`` tuple sets the response object's status and headers (Flask API: Flask.make_response)."""
    app.add_url_rule(
        "/", "index", lambda: (target.Response("own", status=200), 418, {"X-Extra": "1"})
    )

    response = client.get("/")
    assert response.status_code == 418
    assert response.data == b"own"
    assert response.headers["X-Extra"] == "1"


def test_tuple_headers_replace_existing_headers_of_same_name(target, app, client):
    """Headers given in a return tuple replace headers of the same name already set on the response (Flask API: Flask.make_response)."""
    app.add_url_rule(
        "/",
        "index",
        lambda: (target.Response("own", headers={"X-Extra": "original"}), {"X-Extra": "new"}),
    )

    assert client.get("/").headers.getlist("X-Extra") == ["new"]


def test_werkzeug_headers_object_in_tuple_is_accepted(app, client):
    """A Werkzeug ``Headers`` object is accepted as the headers of a return tuple (Flask API: Flask.make_response)."""
    headers = Headers([("X-Extra", "1"), ("X-Extra", "2")])
    _view_returning(app, ("ok", 201, headers))

    response = client.get("/")
    assert response.status_code == 201
    assert response.headers.getlist("X-Extra") == ["1", "2"]


def test_generator_is_streamed_as_the_body(app, client):
    """A generator returned by a view is a streamed body whose str and bytes chunks are joined in order (Flask docs: Streaming Contents)."""

    @app.route("/")
    def view():
        def chunks():
            yield "a"
            yield b"b"
            yield "c"

        return chunks()

    response = client.get("/")
    assert response.status_code == 200
    assert response.data == b"abc"


def test_generator_with_status_and_headers(app, client):
    """A ``(generator, status, headers)`` tuple streams the generator with that status and headers (Flask docs: Streaming Contents)."""

    @app.route("/")
    def view():
        return (part for part in ("x", "y")), 206, {"X-Stream": "yes"}

    response = client.get("/")
    assert response.status_code == 206
    assert response.headers["X-Stream"] == "yes"
    assert response.data == b"xy"


def test_iterator_is_used_as_the_body(app, client):
    """An iterator returned by a view is iterated to produce the body (Flask API: Flask.make_response)."""
    app.add_url_rule("/", "index", lambda: iter([b"one", b"-", b"two"]))

    assert client.get("/").data == b"one-two"


def test_wsgi_callable_is_called_as_the_response(app, client):
    """A WSGI callable returned by a view is called and its status, headers and body are the response (Flask API: Flask.make_response)."""

    def wsgi_app(environ, start_response):
        start_response("202 Accepted", [("Content-Type", "text/x-wsgi"), ("X-Wsgi", "1")])
        return [b"from ", environ["PATH_INFO"].encode()]

    _view_returning(app, wsgi_app)

    response = client.get("/")
    assert response.status == "202 Accepted"
    assert response.headers["Content-Type"] == "text/x-wsgi"
    assert response.headers["X-Wsgi"] == "1"
    assert response.data == b"from /"


def test_returning_none_raises_type_error(app, client):
    """A view that returns None raises ``TypeError`` (Flask docs: About Responses)."""
    _view_returning(app, None)

    with pytest.raises(TypeError):
        client.get("/")


def test_returning_none_body_in_tuple_raises_type_error(app, client):
    """A return tuple whose body is None raises ``TypeError`` (Flask API: Flask.make_response)."""
    _view_returning(app, (None, 200))

    with pytest.raises(TypeError):
        client.get("/")


@pytest.mark.parametrize(
    "value",
    [("only a body",), ("body", 200, {}, "extra")],
    ids=["one-item", "four-items"],
)
def test_tuple_of_wrong_length_raises_type_error(app, client, value):
    """A returned tuple with fewer than two or more than three items raises ``TypeError`` (Flask API: Flask.make_response)."""
    _view_returning(app, value)

    with pytest.raises(TypeError):
        client.get("/")


@pytest.mark.parametrize("value", [42, 1.5, True, {1, 2}], ids=["int", "float", "bool", "set"])
def test_unsupported_return_type_raises_type_error(app, client, value):
    """A returned value that is not a string, bytes, dict, list, tuple, response, iterator or WSGI callable raises ``TypeError`` (Flask API: Flask.make_response)."""
    _view_returning(app, value)

    with pytest.raises(TypeError):
        client.get("/")


def test_invalid_return_value_outside_testing_gives_500(target):
    """Outside testing, the ``TypeError`` from a view returning None becomes a 500 response (Flask docs: Unhandled Exceptions)."""
    app = target.make_app("conformance_production")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    _view_returning(app, None)

    assert target.make_client(app).get("/").status_code == 500
