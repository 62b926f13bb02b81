"""The ``SESSION_COOKIE_*`` settings shape the session cookie."""

import pytest


def _only_set_cookie(response):
    """The single Set-Cookie header of *response*."""
    headers = response.headers.getlist("Set-Cookie")
    assert len(headers) == 1, headers
    return headers[0]


def _session_cookie(app, target, client, **config):
    """Store a value in the session and return the Set-Cookie header split into parts."""
    app.config.update(config)

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    header = _only_set_cookie(client.get("/set"))
    return _parse(header)


def _parse(header):
    pair, *attributes = (part.strip() for part in header.split(";"))
    name, _, value = pair.partition("=")
    parsed = {}
    for attribute in attributes:
        key, sep, attribute_value = attribute.partition("=")
        parsed[key.lower()] = attribute_value if sep else True
    return name, value, parsed


def test_default_cookie_attributes(target, app, client):
    """By default the session cookie is named ``session``, has ``Path=/`` and ``HttpOnly``, and no ``Domain``, ``Secure``, ``SameSite`` or ``Partitioned`` (Flask docs: Configuration Handling)."""
    name, value, attributes = _session_cookie(app, target, client)

    assert name == "session"
    assert value
    assert attributes == {"path": "/", "httponly": True}


def test_cookie_name_setting(target, app, client):
    """The ``SESSION_COOKIE_NAME`` setting names the session cookie, and that cookie is read back on the next request (Flask docs: Configuration Handling)."""
    seen = []

    @app.route("/get")
    def get():
        seen.append(target.session.get("a"))
        return ""

    name, _, _ = _session_cookie(app, target, client, SESSION_COOKIE_NAME="sid")
    client.get("/get")

    assert name == "sid"
    assert client.get_cookie("sid") is not None
    assert client.get_cookie("session") is None
    assert seen == [1]


def test_cookie_domain_setting(target, app, client):
    """The ``SESSION_COOKIE_DOMAIN`` setting sets the ``Domain`` attribute of the session cookie (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_DOMAIN="example.test")

    assert attributes["domain"] == "example.test"


def test_cookie_path_setting(target, app, client):
    """The ``SESSION_COOKIE_PATH`` setting sets the ``Path`` attribute of the session cookie (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_PATH="/account")

    assert attributes["path"] == "/account"


def test_cookie_path_defaults_to_application_root(target, app, client):
    """Without ``SESSION_COOKIE_PATH`` the session cookie's ``Path`` is ``APPLICATION_ROOT`` (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, APPLICATION_ROOT="/myapp")

    assert attributes["path"] == "/myapp"


def test_cookie_path_setting_wins_over_application_root(target, app, client):
    """A set ``SESSION_COOKIE_PATH`` takes precedence over ``APPLICATION_ROOT`` for the session cookie's ``Path`` (Flask API: SessionInterface.get_cookie_path)."""
    _, _, attributes = _session_cookie(
        app, target, client, APPLICATION_ROOT="/myapp", SESSION_COOKIE_PATH="/other"
    )

    assert attributes["path"] == "/other"


def test_cookie_httponly_can_be_turned_off(target, app, client):
    """Setting ``SESSION_COOKIE_HTTPONLY = False`` omits the ``HttpOnly`` attribute (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_HTTPONLY=False)

    assert "httponly" not in attributes
    assert client.get_cookie("session").http_only is False


def test_cookie_secure_setting(target, app, client):
    """Setting ``SESSION_COOKIE_SECURE = True`` adds the ``Secure`` attribute to the session cookie (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_SECURE=True)

    assert attributes["secure"] is True


@pytest.mark.parametrize("samesite", ["Lax", "Strict", "None"])
def test_cookie_samesite_setting(target, app, client, samesite):
    """The ``SESSION_COOKIE_SAMESITE`` setting sets the ``SameSite`` attribute of the session cookie to the configured value (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_SAMESITE=samesite)

    assert attributes["samesite"] == samesite
    assert client.get_cookie("session").same_site == samesite


def test_cookie_partitioned_setting(target, app, client):
    """Setting ``SESSION_COOKIE_PARTITIONED = True`` adds the ``Partitioned`` attribute, which also makes the cookie ``Secure`` (Flask docs: Configuration Handling)."""
    _, _, attributes = _session_cookie(app, target, client, SESSION_COOKIE_PARTITIONED=True)

    assert attributes["partitioned"] is True
    assert attributes["secure"] is True


def test_deletion_cookie_keeps_the_configured_attributes(target, app, client):
    """The expiring cookie sent when the session is emptied has the same name, ``Domain``, ``Path``, ``Secure`` and ``SameSite`` as the session cookie (Flask API: SecureCookieSessionInterface)."""
    config = {
        "SESSION_COOKIE_NAME": "sid",
        "SESSION_COOKIE_DOMAIN": "localhost.test",
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
    }
    app.config.update(config)

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/clear")
    def clear():
        target.session.clear()
        return ""

    base_url = "http://localhost.test/"
    client.get("/set", base_url=base_url)
    assert client.get_cookie("sid", domain="localhost.test") is not None
    header = _only_set_cookie(client.get("/clear", base_url=base_url))
    name, value, attributes = _parse(header)

    assert (name, value) == ("sid", "")
    assert attributes["domain"] == "localhost.test"
    assert attributes["path"] == "/"
    assert attributes["secure"] is True
    assert attributes["samesite"] == "Strict"
    assert attributes["max-age"] == "0"
