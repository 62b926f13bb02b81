"""``APPLICATION_ROOT``, ``SCRIPT_NAME`` and ``PREFERRED_URL_SCHEME``."""

import pytest


def _add_views(app, target):
    @app.route("/page/<name>")
    def page(name):
        return target.url_for("page", name=name, _external=True)

    @app.route("/where")
    def where():
        return "|".join(
            [target.request.script_root, target.url_for("where"), target.request.url_root]
        )

    return app


def test_application_root_prefixes_urls_built_without_request(target, app):
    """Without a request, ``APPLICATION_ROOT`` is put between the host and the rule in built URLs, external or not (Flask API: APPLICATION_ROOT)."""
    _add_views(app, target)
    app.config.update(SERVER_NAME="example.com", APPLICATION_ROOT="/shop")

    assert app.url_for("page", name="a") == "http://example.com/shop/page/a"
    assert app.url_for("page", name="a", _external=False) == "/shop/page/a"


def test_script_name_becomes_the_script_root(target, app, client):
    """Inside a request ``SCRIPT_NAME`` from the WSGI environment is ``request.script_root`` and prefixes URLs built with ``url_for`` (Flask API: Request.script_root)."""
    _add_views(app, target)

    response = client.get("/where", environ_overrides={"SCRIPT_NAME": "/mount"})

    assert response.data == b"/mount|/mount/where|http://localhost/mount/"


def test_base_url_path_becomes_the_script_root(target, app):
    """The path of a test request's ``base_url`` is the script root used by ``url_for`` (Flask API: Flask.test_request_context)."""
    _add_views(app, target)

    with app.test_request_context("/page/a", base_url="http://localhost/mount/"):
        assert target.request.script_root == "/mount"
        assert target.url_for("page", name="b") == "/mount/page/b"


def test_request_script_root_wins_over_application_root(target, app, client):
    """Inside a request the script root of the request, not ``APPLICATION_ROOT``, prefixes built URLs (Flask API: APPLICATION_ROOT)."""
    _add_views(app, target)
    app.config["APPLICATION_ROOT"] = "/configured"

    response = client.get("/where", base_url="http://localhost/actual/")

    assert response.data == b"/actual|/actual/where|http://localhost/actual/"


def test_test_client_mounts_the_app_at_application_root(target, app, client):
    """Without a base URL the test client serves the app under ``APPLICATION_ROOT``, so request paths are relative to it (Flask API: FlaskClient)."""
    _add_views(app, target)
    app.config["APPLICATION_ROOT"] = "/shop"

    assert client.get("/where").data == b"/shop|/shop/where|http://localhost/shop/"
    assert client.get("/shop/where").status_code == 404


def test_preferred_scheme_applies_without_request(target, app):
    """Without a request ``PREFERRED_URL_SCHEME`` is the scheme of built URLs (Flask API: PREFERRED_URL_SCHEME)."""
    _add_views(app, target)
    app.config.update(SERVER_NAME="example.com", PREFERRED_URL_SCHEME="https")

    assert app.url_for("page", name="a") == "https://example.com/page/a"


def test_request_scheme_wins_over_preferred_scheme(target, app, client):
    """Inside a request external URLs use the request's scheme, not ``PREFERRED_URL_SCHEME`` (Flask API: PREFERRED_URL_SCHEME)."""
    _add_views(app, target)
    app.config["PREFERRED_URL_SCHEME"] = "https"

    assert client.get("/page/a", base_url="http://localhost").data == b"http://localhost/page/a"


def test_test_client_defaults_to_preferred_scheme(target, app, client):
    """Without a base URL or ``url_scheme`` the test client makes requests with ``PREFERRED_URL_SCHEME`` (Flask API: FlaskClient)."""
    _add_views(app, target)
    app.config["PREFERRED_URL_SCHEME"] = "https"

    assert client.get("/page/a").data == b"https://localhost/page/a"
    assert client.get("/page/a", url_scheme="http").data == b"http://localhost/page/a"


def test_scheme_argument_wins_without_request(target, app):
    """Without a request ``_scheme="http"`` replaces a ``PREFERRED_URL_SCHEME`` of ``https`` in the built URL (Flask API: Flask.url_for)."""
    _add_views(app, target)
    app.config.update(SERVER_NAME="example.com", PREFERRED_URL_SCHEME="https")

    assert app.url_for("page", name="a", _scheme="http") == "http://example.com/page/a"


def test_scheme_argument_other_than_https_builds_http(target, app):
    """A ``_scheme`` other than ``https`` (or ``wss``) such as ``ftp`` yields an ``http`` URL for an ordinary rule (Flask API: Flask.url_for)."""
    _add_views(app, target)
    app.config.update(SERVER_NAME="example.com", PREFERRED_URL_SCHEME="https")

    assert app.url_for("page", name="a", _scheme="ftp") == "http://example.com/page/a"


def test_request_host_and_port_are_used(target, app, client):
    """Inside a request external URLs use the request's scheme, host and non-default port (Flask API: flask.url_for)."""
    _add_views(app, target)

    response = client.get("/page/a", base_url="https://shop.test:8443")

    assert response.data == b"https://shop.test:8443/page/a"


def test_base_url_with_scheme_conflicts_with_url_scheme(app):
    """Passing both ``base_url`` and ``url_scheme`` to a test request raises ``AssertionError`` (Flask API: Flask.test_request_context)."""
    with pytest.raises(AssertionError):
        app.test_request_context("/", base_url="http://localhost", url_scheme="https")
