"""Building URLs with ``url_for``: values, query strings, the ``_`` options and build errors."""

import pytest
from werkzeug.routing import BuildError


def _item_app(app):
    @app.route("/item/<int:item_id>")
    def item(item_id):
        return ""

    return app


def test_url_for_fills_in_the_rule_variables(target, app):
    """The ``url_for`` function builds the path of an endpoint's rule from keyword values (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context():
        assert target.url_for("item", item_id=7) == "/item/7"


def test_url_for_puts_unknown_values_in_the_query_string(target, app):
    """Values that are not rule variables are appended as query string arguments (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context():
        assert target.url_for("item", item_id=7, q="a b", page=2) == "/item/7?q=a+b&page=2"


def test_url_for_repeats_list_values_and_drops_none(target, app):
    """A list value becomes a repeated query argument and a ``None`` value is left out (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context():
        assert target.url_for("item", item_id=7, tag=["x", "y"], skip=None) == "/item/7?tag=x&tag=y"


def test_url_for_anchor_is_appended_and_quoted(target, app):
    """An ``_anchor`` is appended after ``#``, after any query string, with unsafe characters quoted (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context():
        assert target.url_for("item", item_id=7, _anchor="notes") == "/item/7#notes"
        assert target.url_for("item", item_id=7, q=1, _anchor="a b") == "/item/7?q=1#a%20b"


def test_url_for_is_relative_inside_a_request(target, app):
    """Inside a request ``url_for`` gives a path without scheme or host by default (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(base_url="http://shop.test"):
        assert target.url_for("item", item_id=7) == "/item/7"


def test_url_for_external_uses_the_request_host(target, app):
    """Passing ``_external=True`` gives a full URL with the scheme and host of the current request (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(base_url="http://shop.test"):
        assert target.url_for("item", item_id=7, _external=True) == "http://shop.test/item/7"


def test_url_for_includes_the_script_root(target, app):
    """URLs built inside a request include the application's script root (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(base_url="http://shop.test/mounted"):
        assert target.url_for("item", item_id=7) == "/mounted/item/7"
        assert target.url_for("item", item_id=7, _external=True) == (
            "http://shop.test/mounted/item/7"
        )


def test_url_for_scheme_sets_the_scheme_of_an_external_url(target, app):
    """Passing ``_scheme`` with ``_external=True`` gives a full URL with that scheme (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(base_url="http://shop.test"):
        url = target.url_for("item", item_id=7, _scheme="https", _external=True)
        assert url == "https://shop.test/item/7"


def test_url_for_scheme_alone_makes_the_url_external(target, app):
    """Inside a request ``_scheme`` without ``_external`` gives a full URL (Flask API: Flask.url_for)."""
    _item_app(app)

    with app.test_request_context(base_url="http://shop.test"):
        assert target.url_for("item", item_id=7, _scheme="https") == "https://shop.test/item/7"


def test_url_for_scheme_with_external_false_raises(target, app):
    """Passing ``_scheme`` combined with ``_external=False`` raises ``ValueError`` (Flask API: Flask.url_for)."""
    _item_app(app)

    with app.test_request_context(), pytest.raises(ValueError):
        target.url_for("item", item_id=7, _scheme="https", _external=False)


def test_url_for_method_selects_the_rule_for_that_method(target, app):
    """Passing ``_method`` builds the URL of the endpoint's rule that accepts that method (Flask API: flask.url_for)."""

    def items():
        return ""

    app.add_url_rule("/items", "items", items, methods=["GET"])
    app.add_url_rule("/items/new", "items", items, methods=["POST"])

    with app.test_request_context():
        assert target.url_for("items") == "/items"
        assert target.url_for("items", _method="GET") == "/items"
        assert target.url_for("items", _method="POST") == "/items/new"


def test_url_for_method_without_a_rule_raises_build_error(target, app):
    """A ``_method`` naming a method none of the endpoint's rules accepts raises ``BuildError`` (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(), pytest.raises(BuildError):
        target.url_for("item", item_id=7, _method="POST")


def test_url_for_unknown_endpoint_raises_build_error(target, app):
    """Building a URL for an endpoint no rule has raises ``werkzeug.routing.BuildError`` (Flask API: flask.url_for)."""
    with app.test_request_context(), pytest.raises(BuildError) as caught:
        target.url_for("no_such_endpoint")

    assert caught.value.endpoint == "no_such_endpoint"


def test_url_for_missing_value_raises_build_error(target, app):
    """Building a URL without a value for a rule variable raises ``BuildError`` (Flask API: flask.url_for)."""
    _item_app(app)

    with app.test_request_context(), pytest.raises(BuildError):
        target.url_for("item")


def test_url_build_error_handler_return_value_is_the_url(target, app):
    """A function in ``app.url_build_error_handlers`` gets the error, endpoint and values, and a string it returns becomes ``url_for``'s result (Flask API: Flask.url_build_error_handlers)."""
    seen = []

    def fallback(error, endpoint, values):
        seen.append((type(error).__name__, endpoint, values.get("x")))
        return f"/fallback/{endpoint}"

    app.url_build_error_handlers.append(fallback)

    with app.test_request_context():
        assert target.url_for("missing", x=1) == "/fallback/missing"

    assert seen == [("BuildError", "missing", 1)]


def test_url_build_error_handler_returning_none_reraises(target, app):
    """When every build error handler returns ``None`` the ``BuildError`` propagates from ``url_for`` (Flask API: Flask.handle_url_build_error)."""
    calls = []
    app.url_build_error_handlers.append(lambda error, endpoint, values: calls.append(endpoint))

    with app.test_request_context(), pytest.raises(BuildError):
        target.url_for("missing")

    assert calls == ["missing"]


def test_handle_url_build_error_override_supplies_the_url(target):
    """A ``Flask`` subclass overriding ``handle_url_build_error`` decides what ``url_for`` returns for unbuildable endpoints (Flask API: Flask.handle_url_build_error)."""

    class Tolerant(target.Flask):
        def handle_url_build_error(self, error, endpoint, values):
            return f"/unbuilt/{endpoint}"

    app = Tolerant("tolerant")
    with app.test_request_context():
        assert target.url_for("ghost") == "/unbuilt/ghost"


def test_url_for_outside_a_request_uses_server_name(target, app):
    """In an application context without a request ``url_for`` builds a full URL from ``SERVER_NAME``, ``APPLICATION_ROOT`` and ``PREFERRED_URL_SCHEME`` (Flask API: flask.url_for)."""
    _item_app(app)
    app.config.update(SERVER_NAME="api.test", APPLICATION_ROOT="/v1", PREFERRED_URL_SCHEME="https")

    with app.app_context():
        assert target.url_for("item", item_id=7) == "https://api.test/v1/item/7"
        assert target.url_for("item", item_id=7, _external=False) == "/v1/item/7"


def test_url_for_outside_a_request_without_server_name_raises(target, app):
    """In an application context without a request or ``SERVER_NAME`` ``url_for`` raises ``RuntimeError`` (Flask API: flask.url_for)."""
    _item_app(app)

    with app.app_context(), pytest.raises(RuntimeError):
        target.url_for("item", item_id=7)


def test_app_url_for_builds_without_any_context(app):
    """The ``app.url_for`` method can be called with no context pushed when ``SERVER_NAME`` is set (Flask API: Flask.url_for)."""
    _item_app(app)
    app.config["SERVER_NAME"] = "api.test"

    assert app.url_for("item", item_id=7) == "http://api.test/item/7"
