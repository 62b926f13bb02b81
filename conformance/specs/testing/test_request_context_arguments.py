"""Arguments of ``app.test_request_context`` that take defaults from the app config."""

import pytest


def test_request_context_uses_server_name_and_application_root(target, app):
    """``test_request_context`` builds its URL from ``SERVER_NAME``, ``APPLICATION_ROOT`` and ``PREFERRED_URL_SCHEME`` (Flask API: Flask.test_request_context)."""
    app.config.update(
        SERVER_NAME="example.com", APPLICATION_ROOT="/app", PREFERRED_URL_SCHEME="https"
    )

    with app.test_request_context("/page"):
        request = target.request
        assert request.url == "https://example.com/app/page"
        assert request.script_root == "/app"
        assert request.host == "example.com"


def test_request_context_subdomain(target, app):
    """``subdomain`` is prepended to ``SERVER_NAME`` for the request's host (Flask API: Flask.test_request_context)."""
    app.config["SERVER_NAME"] = "example.com"

    with app.test_request_context("/", subdomain="api"):
        assert target.request.host == "api.example.com"


def test_request_context_url_scheme(target, app):
    """``url_scheme`` sets the request's scheme (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/", url_scheme="https"):
        assert target.request.scheme == "https"
        assert target.request.is_secure is True


def test_request_context_base_url(target, app):
    """``base_url`` sets the request's scheme, host and script root directly (Flask API: Flask.test_request_context)."""
    app.config["SERVER_NAME"] = "ignored.example"

    with app.test_request_context("/x", base_url="http://other.test:81/mount"):
        request = target.request
        assert request.url == "http://other.test:81/mount/x"
        assert request.script_root == "/mount"


def test_request_context_absolute_path(target, app):
    """An absolute URL as the path gives the request its scheme, host and query (Flask API: Flask.test_request_context)."""
    with app.test_request_context("https://api.test/v?x=1"):
        request = target.request
        assert request.host == "api.test"
        assert request.scheme == "https"
        assert request.args["x"] == "1"


def test_request_context_rejects_base_url_with_subdomain(target, app):
    """``test_request_context`` with both ``base_url`` and ``subdomain`` raises ``AssertionError`` (Flask API: Flask.test_request_context)."""
    with pytest.raises(AssertionError):
        app.test_request_context("/", base_url="http://x.test/", subdomain="a")


def test_request_context_json_and_method(target, app):
    """``json`` with ``method`` gives the request a JSON body, a JSON content type and that method (Flask API: Flask.test_request_context)."""
    with app.test_request_context("/", method="PATCH", json={"k": 1}):
        request = target.request
        assert request.method == "PATCH"
        assert request.is_json
        assert request.get_json() == {"k": 1}


def test_session_transaction_accepts_request_context_arguments(target, app, client):
    """``session_transaction`` passes its arguments to ``test_request_context``, so the session cookie is stored for that host (Flask API: FlaskClient.session_transaction)."""

    @app.route("/")
    def index():
        return str(target.session.get("k"))

    with client.session_transaction("/", base_url="http://localhost/") as session:
        session["k"] = "v"

    assert client.get("/").data == b"v"
    assert client.get_cookie("session").domain == "localhost"
