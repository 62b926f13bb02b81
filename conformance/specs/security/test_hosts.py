"""Poisoned Host headers, ``TRUSTED_HOSTS``, ``SERVER_NAME`` and forwarded headers."""

import pytest
from werkzeug.exceptions import SecurityError

from conformance.support import cases


def _host_views(app, target):
    @app.route("/")
    def index():
        request = target.request
        return "|".join([request.host, target.url_for("index", _external=True), request.host_url])

    @app.route("/peer")
    def peer():
        return "|".join([target.request.remote_addr, target.request.scheme])


@pytest.mark.parametrize(("given", "expected"), cases("security_host_headers"))
def test_host_header_without_trusted_hosts(target, app, client, given, expected):
    """Without ``TRUSTED_HOSTS`` any well-formed Host is used for ``request.host`` and external URLs, while one carrying userinfo, a path, a fragment, a space or a bad port becomes empty (Flask API: Request.host)."""
    _host_views(app, target)

    response = client.get("/", headers={"Host": given})

    assert response.status_code == expected["status"]
    host_url = expected["external"]
    assert response.text == f"{expected['host']}|{expected['external']}|{host_url}"


@pytest.mark.parametrize(("given", "expected"), cases("security_trusted_hosts"))
def test_trusted_hosts_refuse_every_other_host(target, app, client, given, expected):
    """With ``TRUSTED_HOSTS = ['example.com']`` only that exact, case-sensitive name on any port is served; lookalikes, subdomains, a trailing dot or an empty Host get 400 naming the host (Flask API: TRUSTED_HOSTS)."""
    app.config["TRUSTED_HOSTS"] = ["example.com"]
    _host_views(app, target)

    response = client.get("/", headers={"Host": given})

    assert response.status_code == expected["status"]
    if expected["status"] == 400:
        shown = given.split(":")[0] if given.endswith(":80") else given
        assert f"<p>Host &#39;{shown}&#39; is not trusted.</p>" in response.text
    else:
        assert response.text.startswith(f"{given}|http://{given}/")


def test_untrusted_host_reaches_a_400_error_handler_as_security_error(target, app, client):
    """An untrusted Host is handed to the application's 400 error handler as Werkzeug's ``SecurityError`` (Flask API: TRUSTED_HOSTS)."""
    app.config["TRUSTED_HOSTS"] = ["example.com"]
    _host_views(app, target)

    @app.errorhandler(400)
    def bad_request(error):
        return f"handled {type(error).__name__} {isinstance(error, SecurityError)}", 400

    response = client.get("/", headers={"Host": "attacker.test"})

    assert (response.status_code, response.text) == (400, "handled SecurityError True")


def test_untrusted_host_runs_before_request_but_not_the_view(target, app, client):
    """A request for an untrusted host still runs ``before_request`` functions, since the host is refused when the request is dispatched, but never the view (Flask API: TRUSTED_HOSTS)."""
    app.config["TRUSTED_HOSTS"] = ["example.com"]
    calls = []

    @app.before_request
    def note_hook():
        calls.append("before_request")

    @app.route("/")
    def index():
        calls.append("view")
        return "served"

    response = client.get("/", headers={"Host": "attacker.test"})

    assert (response.status_code, calls) == (400, ["before_request"])


def test_server_name_fixes_the_host_of_external_urls(target, app, client):
    """With ``SERVER_NAME`` set, external URLs use it whatever Host the request carried, while ``request.host`` still reports that Host (Flask API: SERVER_NAME)."""
    app.config["SERVER_NAME"] = "example.com"
    _host_views(app, target)

    response = client.get("/", headers={"Host": "attacker.test"})

    assert (response.status_code, response.text) == (
        200,
        "attacker.test|http://example.com/|http://attacker.test/",
    )


def test_server_name_with_trusted_hosts_refuses_other_hosts(target, app, client):
    """``SERVER_NAME`` does not relax ``TRUSTED_HOSTS``: a request for another host still gets 400 (Flask API: TRUSTED_HOSTS)."""
    app.config.update(SERVER_NAME="example.com", TRUSTED_HOSTS=["example.com"])
    _host_views(app, target)

    refused = client.get("/", headers={"Host": "attacker.test"})
    served = client.get("/", headers={"Host": "example.com"})

    assert (refused.status_code, served.status_code) == (400, 200)


def test_forwarded_headers_are_ignored_without_a_proxy_fix(target, app, client):
    """Without ``ProxyFix``, ``X-Forwarded-Host``, ``-Proto`` and ``-For`` change neither the host, the scheme of external URLs nor ``remote_addr`` (Flask docs: Tell Flask it is Behind a Proxy)."""
    _host_views(app, target)
    forwarded = {
        "X-Forwarded-Host": "attacker.test",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "203.0.113.9",
    }

    page = client.get("/", headers={"Host": "example.com", **forwarded})
    peer = client.get("/peer", headers=forwarded)

    assert page.text == "example.com|http://example.com/|http://example.com/"
    assert peer.text == "127.0.0.1|http"


def test_forwarded_host_cannot_pass_an_untrusted_host(target, app, client):
    """A trusted ``X-Forwarded-Host`` does not rescue an untrusted Host, and an untrusted one does not spoil a trusted Host, without ``ProxyFix`` (Flask API: TRUSTED_HOSTS)."""
    app.config["TRUSTED_HOSTS"] = ["example.com"]
    _host_views(app, target)

    spoofed = client.get("/", headers={"Host": "attacker.test", "X-Forwarded-Host": "example.com"})
    genuine = client.get("/", headers={"Host": "example.com", "X-Forwarded-Host": "attacker.test"})

    assert spoofed.status_code == 400
    assert genuine.text == "example.com|http://example.com/|http://example.com/"
