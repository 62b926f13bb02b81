"""``SERVER_NAME``: building URLs without a request, and what it does to requests."""

import pytest


def _add_views(app, target):
    @app.route("/page/<name>")
    def page(name):
        return target.url_for("page", name=name, _external=True)

    @app.route("/host")
    def host():
        return target.request.host

    return app


def test_no_url_adapter_without_server_name(app):
    """Without ``SERVER_NAME``, ``create_url_adapter(None)`` returns None (Flask API: Flask.create_url_adapter)."""
    assert app.config["SERVER_NAME"] is None
    assert app.create_url_adapter(None) is None


def test_url_adapter_from_configuration(app):
    """With ``SERVER_NAME`` set, ``create_url_adapter(None)`` binds the URL map to it, ``APPLICATION_ROOT`` and ``PREFERRED_URL_SCHEME`` (Flask API: Flask.create_url_adapter)."""
    app.config.update(
        SERVER_NAME="example.com", APPLICATION_ROOT="/app", PREFERRED_URL_SCHEME="https"
    )

    @app.route("/p")
    def p():
        return ""

    adapter = app.create_url_adapter(None)

    assert adapter.server_name == "example.com"
    assert adapter.script_name == "/app/"
    assert adapter.url_scheme == "https"
    assert adapter.build("p", force_external=True) == "https://example.com/app/p"


def test_server_name_port_is_kept(target, app):
    """A port in ``SERVER_NAME`` appears in external URLs built without a request (Flask API: SERVER_NAME)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com:8080"

    assert app.url_for("page", name="a") == "http://example.com:8080/page/a"


def test_url_for_without_request_is_external_by_default(target, app):
    """Without a request ``url_for`` builds an external URL by default, and a path when ``_external=False`` (Flask API: Flask.url_for)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com"

    with app.app_context():
        assert target.url_for("page", name="a") == "http://example.com/page/a"
        assert target.url_for("page", name="a", _external=False) == "/page/a"


def test_url_for_without_request_or_server_name_names_the_setting(target, app):
    """The ``RuntimeError`` raised by ``app.url_for`` with no request and no ``SERVER_NAME`` mentions ``SERVER_NAME`` (Flask API: Flask.url_for)."""
    _add_views(app, target)

    with pytest.raises(RuntimeError, match="SERVER_NAME"):
        app.url_for("page", name="a")


def test_server_name_does_not_restrict_request_hosts(target, app, client):
    """With ``SERVER_NAME`` set and no subdomain matching, requests for other hosts are still routed, and ``request.host`` is their host (Flask API: SERVER_NAME)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com"

    response = client.get("/host", base_url="http://other.test")

    assert response.status_code == 200
    assert response.data == b"other.test"


def test_external_url_in_request_uses_server_name_host(target, app, client):
    """With ``SERVER_NAME`` set, an external URL built in a request for another host uses the ``SERVER_NAME`` host with the request's scheme (Flask API: Flask.create_url_adapter)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com"

    response = client.get("/page/x", base_url="https://other.test")

    assert response.data == b"https://example.com/page/x"


def test_subdomain_matching_restricts_hosts_to_server_name(target):
    """With ``subdomain_matching`` and ``SERVER_NAME`` set, a request for an unrelated host finds no rule and gets 404 (Flask API: Flask.subdomain_matching)."""
    app = _add_views(target.make_app("conformance_url_subdomains", subdomain_matching=True), target)
    app.config.update(TESTING=True, SERVER_NAME="example.com")
    client = app.test_client()

    with pytest.warns(UserWarning):
        assert client.get("/host", base_url="http://other.test").status_code == 404
    assert client.get("/host", base_url="http://example.com").data == b"example.com"


def test_test_client_defaults_to_server_name(target, app, client):
    """Without a base URL the test client sends requests to the host in ``SERVER_NAME`` (Flask API: FlaskClient)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com:5000"

    assert client.get("/host").data == b"example.com:5000"


def test_test_client_subdomain_is_prefixed_to_server_name(target, app, client):
    """The ``subdomain`` argument of a test request is prefixed to ``SERVER_NAME`` to make the request host (Flask API: Flask.test_request_context)."""
    _add_views(app, target)
    app.config["SERVER_NAME"] = "example.com"

    assert client.get("/host", subdomain="api").data == b"api.example.com"
    with app.test_request_context("/", subdomain="admin"):
        assert target.request.host == "admin.example.com"


def test_test_client_defaults_to_localhost(target, app, client):
    """Without ``SERVER_NAME`` or a base URL the test client sends requests to ``localhost`` (Flask API: FlaskClient)."""
    _add_views(app, target)

    assert client.get("/host").data == b"localhost"
    assert client.get("/page/a").data == b"http://localhost/page/a"
