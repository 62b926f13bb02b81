"""``TRUSTED_HOSTS``, forwarded headers and the quoting of built URLs."""

import pytest
from werkzeug.exceptions import SecurityError

from conformance.support import cases


def _add_views(app, target):
    @app.route("/page/<name>")
    def page(name):
        return target.url_for("page", name=name, _external=True)

    @app.route("/host")
    def host():
        return target.request.host

    @app.route("/p/<name>")
    def short(name):
        return ""

    @app.route("/f/<path:rest>")
    def files(rest):
        return ""

    return app


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("good.test", 200),
        ("good.test:8080", 200),
        ("bad.test", 400),
        ("sub.good.test", 400),
        ("wild.test", 200),
        ("a.wild.test", 200),
        ("a.b.wild.test", 200),
        ("notwild.test", 400),
    ],
)
def test_trusted_hosts_patterns(target, app, client, host, status):
    """``TRUSTED_HOSTS`` accepts an exact name with any port, and a name with a leading dot accepts that domain and all its subdomains; other hosts get 400 (Flask API: TRUSTED_HOSTS)."""
    _add_views(app, target)
    app.config["TRUSTED_HOSTS"] = ["good.test", ".wild.test"]

    response = client.get("/host", base_url=f"http://{host}")

    assert response.status_code == status
    if status == 200:
        assert response.data == host.encode()


def test_untrusted_host_page_names_the_host(target, app, client):
    """The 400 page for an untrusted host says that the host is not trusted (Flask API: TRUSTED_HOSTS)."""
    _add_views(app, target)
    app.config["TRUSTED_HOSTS"] = ["good.test"]

    response = client.get("/host", base_url="http://evil.test")

    assert response.status_code == 400
    assert "Host &#39;evil.test&#39; is not trusted." in response.get_data(as_text=True)


def test_untrusted_host_is_the_routing_exception(target, app):
    """In a request context for an untrusted host ``request.routing_exception`` is a 400 ``SecurityError`` (Flask API: TRUSTED_HOSTS)."""
    _add_views(app, target)
    app.config["TRUSTED_HOSTS"] = ["good.test"]

    with app.test_request_context("/host", base_url="http://evil.test"):
        error = target.request.routing_exception
        assert isinstance(error, SecurityError)
        assert error.code == 400


def test_trusted_hosts_are_given_to_the_request(target, app, client):
    """During a request ``request.trusted_hosts`` is the configured ``TRUSTED_HOSTS`` list (Flask API: TRUSTED_HOSTS)."""
    app.config["TRUSTED_HOSTS"] = ["good.test"]

    @app.route("/trusted")
    def trusted():
        return ",".join(target.request.trusted_hosts)

    assert client.get("/trusted", base_url="http://good.test").data == b"good.test"


def test_any_host_is_accepted_by_default(target, app, client):
    """With ``TRUSTED_HOSTS`` unset, any host is accepted (Flask API: TRUSTED_HOSTS)."""
    _add_views(app, target)
    assert app.config["TRUSTED_HOSTS"] is None

    assert client.get("/host", base_url="http://anything.example").data == b"anything.example"


def test_forwarded_headers_are_ignored_by_default(target, app, client):
    """``X-Forwarded-Host`` and ``X-Forwarded-Proto`` do not change the host or scheme of external URLs without a proxy fix middleware (Flask docs: Tell Flask it is Behind a Proxy)."""
    _add_views(app, target)

    response = client.get(
        "/page/a", headers={"X-Forwarded-Host": "evil.test", "X-Forwarded-Proto": "https"}
    )

    assert response.data == b"http://localhost/page/a"


@pytest.mark.parametrize(("given", "expected"), cases("url_building_quoting"))
def test_values_are_quoted(target, app, given, expected):
    """Rule values and query arguments are converted to strings and percent-encoded as UTF-8 in built URLs (Flask API: flask.url_for)."""
    _add_views(app, target)

    with app.test_request_context("/"):
        assert target.url_for("short", **given) == expected


def test_path_converter_keeps_slashes(target, app):
    """A ``path`` value keeps its slashes but has other unsafe characters quoted (Flask API: flask.url_for)."""
    _add_views(app, target)

    with app.test_request_context("/"):
        assert target.url_for("files", rest="a b/c/ü") == "/f/a%20b/c/%C3%BC"


def test_quoted_url_routes_back_to_the_value(target, app, client):
    """A URL built from a non-ASCII value routes back to a view receiving the original value (Flask API: flask.url_for)."""

    @app.route("/echo/<word>")
    def echo(word):
        return word

    with app.test_request_context("/"):
        url = target.url_for("echo", word="naïve café")

    assert client.get(url).get_data(as_text=True) == "naïve café"
