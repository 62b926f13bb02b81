"""URL and client address attributes of ``request``."""

import pytest

from conformance.support import cases


def _url_view(app, target):
    @app.route("/page/<name>")
    def page(name):
        request = target.request
        return {
            "url": request.url,
            "base_url": request.base_url,
            "host_url": request.host_url,
            "url_root": request.url_root,
            "script_root": request.script_root,
            "path": request.path,
            "full_path": request.full_path,
            "host": request.host,
            "scheme": request.scheme,
        }


@pytest.mark.parametrize(("given", "expected"), cases("wrappers_urls"))
def test_url_attributes(target, app, client, given, expected):
    """``request.url``, ``base_url``, ``host_url``, ``url_root``, ``script_root`` and ``path`` split the requested URL, with the script root taken from ``SCRIPT_NAME`` (Flask API: flask.request)."""
    _url_view(app, target)

    seen = client.get(given.pop("path"), **given).get_json()

    assert {key: seen[key] for key in expected} == expected


def test_remote_addr_defaults_to_the_test_client_address(target, app, client):
    """Through the test client, ``request.remote_addr`` is ``127.0.0.1`` and ``access_route`` lists just that address (Flask API: flask.request)."""

    @app.route("/")
    def index():
        return {"addr": target.request.remote_addr, "route": list(target.request.access_route)}

    assert client.get("/").get_json() == {"addr": "127.0.0.1", "route": ["127.0.0.1"]}


def test_access_route_follows_x_forwarded_for(target, app, client):
    """``request.access_route`` lists the ``X-Forwarded-For`` addresses while ``remote_addr`` stays the peer address (Flask API: flask.request)."""

    @app.route("/")
    def index():
        return {"addr": target.request.remote_addr, "route": list(target.request.access_route)}

    response = client.get(
        "/",
        headers={"X-Forwarded-For": "203.0.113.5, 10.0.0.2"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )

    assert response.get_json() == {"addr": "10.0.0.9", "route": ["203.0.113.5", "10.0.0.2"]}
