"""``app.test_request_context`` and what ``request`` shows inside it."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("contexts_request_arguments"))
def test_request_context_arguments_shape_the_request(target, app, given, expected):
    """The arguments of ``app.test_request_context`` (path, method, query string, base URL, headers) build the request ``request`` shows (Flask API: Flask.test_request_context)."""
    with app.test_request_context(**given):
        shown = {name: getattr(target.request, name) for name in expected}
    assert shown == expected


def test_request_context_push_and_pop_by_hand(target, app):
    """A request context pushed with ``.push()`` makes ``request`` available until ``.pop()`` (Flask docs: The Request Context)."""
    ctx = app.test_request_context("/manual")
    ctx.push()
    try:
        assert target.has_request_context() is True
        assert target.request.path == "/manual"
    finally:
        ctx.pop()
    assert target.has_request_context() is False
    assert target.has_app_context() is False


def test_request_context_query_string_fills_args(target, app):
    """A query string, given in the path or as ``query_string``, fills ``request.args`` with every value (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/s?tag=a&tag=b"):
        assert target.request.args.getlist("tag") == ["a", "b"]
        assert target.request.args["tag"] == "a"
    with app.test_request_context("/s", query_string={"page": "2"}):
        assert target.request.args.get("page") == "2"
        assert target.request.args.get("missing") is None


def test_request_context_form_data_fills_form(target, app):
    """Form ``data`` given as a mapping with a POST method is sent form-encoded and appears in ``request.form`` (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/submit", method="POST", data={"name": "ada", "lang": "en"}):
        assert target.request.method == "POST"
        assert target.request.form["name"] == "ada"
        assert target.request.form["lang"] == "en"
        assert target.request.mimetype == "application/x-www-form-urlencoded"


def test_request_context_raw_data_is_the_body(target, app):
    """Raw ``data`` given as bytes becomes the request body, read back by ``request.get_data()`` (Flask API: Flask.test_request_context)."""
    with app.test_request_context(
        "/raw", method="PUT", data=b"raw body", content_type="text/plain"
    ):
        assert target.request.get_data() == b"raw body"
        assert target.request.content_type == "text/plain"


def test_request_context_json_argument(target, app):
    """The ``json`` argument sends a JSON body that ``request.get_json()`` decodes (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/api", method="POST", json={"k": [1, 2]}):
        assert target.request.is_json is True
        assert target.request.get_json() == {"k": [1, 2]}


def test_request_context_headers_argument(target, app):
    """Headers passed to ``test_request_context`` are readable, case-insensitively, in ``request.headers`` (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/", headers={"X-Token": "abc", "Accept": "text/html"}):
        assert target.request.headers["X-Token"] == "abc"
        assert target.request.headers["x-token"] == "abc"
        assert target.request.headers.get("Accept") == "text/html"
        assert target.request.headers.get("X-Absent") is None


def test_request_context_matches_the_url_rule(target, app):
    """A request context whose path matches a rule exposes the endpoint and view arguments on ``request`` (Flask docs: The Request Context)."""

    @app.route("/users/<int:user_id>")
    def user(user_id):
        return str(user_id)

    with app.test_request_context("/users/7"):
        assert target.request.endpoint == "user"
        assert target.request.view_args == {"user_id": 7}
        assert target.request.url_rule.rule == "/users/<int:user_id>"
    with app.test_request_context("/nowhere"):
        assert target.request.endpoint is None
        assert target.request.url_rule is None


def test_request_context_url_for_uses_base_url(target, app):
    """Inside a request context ``url_for`` builds URLs from the context's base URL, script root included (Flask API: url_for)."""

    @app.route("/page")
    def page():
        return "page"

    with app.test_request_context(base_url="https://example.com/prefix"):
        assert target.url_for("page") == "/prefix/page"
        assert target.url_for("page", _external=True) == "https://example.com/prefix/page"


def test_request_context_session_is_readable_and_writable(target, app):
    """In a test request context ``session`` starts empty and accepts writes (Flask API: flask.session)."""
    with app.test_request_context():
        assert dict(target.session) == {}
        target.session["cart"] = ["apple"]
        assert target.session["cart"] == ["apple"]
        assert target.session.get("absent") is None
