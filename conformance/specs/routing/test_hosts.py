"""Subdomain matching (``SERVER_NAME`` and ``subdomain=``) and host matching (``host=``)."""

import pytest


@pytest.fixture
def subdomain_app(target):
    app = target.make_app("subdomain_app", subdomain_matching=True)
    app.config.update(TESTING=True, SERVER_NAME="example.test")

    @app.route("/")
    def home():
        return "home"

    @app.route("/about")
    def about():
        return "about"

    @app.route("/", subdomain="<user>")
    def profile(user):
        return f"profile {user}"

    @app.route("/cart", subdomain="shop")
    def cart():
        return "cart"

    return app


def test_subdomain_variable_is_passed_to_the_view(target, subdomain_app):
    """A rule with ``subdomain="<user>"`` matches any subdomain of ``SERVER_NAME`` and passes it to the view (Flask API: URL Route Registrations)."""
    client = target.make_client(subdomain_app)

    response = client.get("/", base_url="http://alice.example.test")
    assert response.status_code == 200
    assert response.data == b"profile alice"


def test_rule_without_subdomain_matches_only_the_bare_server_name(target, subdomain_app):
    """With subdomain matching a rule without ``subdomain`` matches the bare ``SERVER_NAME`` host, not its subdomains (Flask API: URL Route Registrations)."""
    client = target.make_client(subdomain_app)

    assert client.get("/about", base_url="http://example.test").data == b"about"
    assert client.get("/about", base_url="http://alice.example.test").status_code == 404


def test_static_subdomain_matches_only_that_subdomain(target, subdomain_app):
    """A rule with a fixed ``subdomain`` answers only on that subdomain of ``SERVER_NAME`` (Flask API: URL Route Registrations)."""
    client = target.make_client(subdomain_app)

    assert client.get("/cart", base_url="http://shop.example.test").data == b"cart"
    assert client.get("/cart", base_url="http://example.test").status_code == 404


def test_url_for_another_subdomain_is_absolute(target, subdomain_app):
    """A URL built for a rule on another subdomain than the request's is absolute, and one on the same subdomain is a path (Flask API: Flask.url_for)."""
    with subdomain_app.test_request_context(base_url="http://shop.example.test"):
        assert target.url_for("profile", user="bob") == "http://bob.example.test/"
        assert target.url_for("home") == "http://example.test/"
        assert target.url_for("cart") == "/cart"


@pytest.fixture
def host_app(target):
    app = target.make_app("host_app", host_matching=True, static_host="static.test")
    app.config.update(TESTING=True)

    @app.route("/", host="a.test")
    def site_a():
        return "site a"

    @app.route("/", host="<tenant>.b.test")
    def site_b(tenant):
        return f"tenant {tenant}"

    return app


def test_host_matching_routes_by_host(target, host_app):
    """With ``host_matching=True`` a rule's ``host`` must equal the request host, otherwise the URL is 404 (Flask API: URL Route Registrations)."""
    client = target.make_client(host_app)

    assert client.get("/", base_url="http://a.test").data == b"site a"
    assert client.get("/", base_url="http://c.test").status_code == 404


def test_host_variable_is_passed_to_the_view(target, host_app):
    """A variable in a rule's ``host`` pattern is passed to the view like a path variable (Flask API: URL Route Registrations)."""
    client = target.make_client(host_app)

    assert client.get("/", base_url="http://acme.b.test").data == b"tenant acme"


def test_url_for_with_host_matching_builds_the_rule_host(target, host_app):
    """With host matching ``url_for`` gives a full URL on the rule's host when it differs from the request's (Flask API: Flask.url_for)."""
    with host_app.test_request_context(base_url="http://a.test"):
        assert target.url_for("site_a") == "/"
        assert target.url_for("site_b", tenant="acme") == "http://acme.b.test/"


def test_without_subdomain_matching_rules_of_the_default_subdomain_match_any_host(target):
    """Without ``subdomain_matching``, every request is matched as if on the URL map's ``default_subdomain``, so rules made with a non-empty default match whatever the host (Flask API: Flask.create_url_adapter)."""
    app = target.Flask("conformance_default_subdomain")
    app.config["SERVER_NAME"] = "example.test"
    app.url_map.default_subdomain = "www"

    @app.route("/")
    def home():
        return "home"

    client = app.test_client()
    statuses = [
        client.get("/", base_url=f"http://{host}/").status_code
        for host in ("example.test", "www.example.test", "other.example.test")
    ]

    assert statuses == [200, 200, 200]
