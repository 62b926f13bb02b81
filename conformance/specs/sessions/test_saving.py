"""When the session cookie is sent, deleted or left alone, and ``Vary: Cookie``."""


def _only_set_cookie(response):
    """The single Set-Cookie header of *response*."""
    headers = response.headers.getlist("Set-Cookie")
    assert len(headers) == 1, headers
    return headers[0]


def _add_views(app, target):
    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/permanent")
    def permanent():
        target.session.permanent = True
        target.session["a"] = 1
        return ""

    @app.route("/read")
    def read():
        return repr(target.session.get("a"))

    @app.route("/untouched")
    def untouched():
        return "plain"

    @app.route("/clear")
    def clear():
        target.session.clear()
        return ""


def _vary(response):
    return {value.strip().lower() for value in response.headers.get("Vary", "").split(",")}


def test_reading_the_session_adds_vary_cookie(target, app, client):
    """A response whose view only read the session carries ``Vary: Cookie`` (Flask API: SessionMixin.accessed)."""
    _add_views(app, target)
    client.get("/set")

    response = client.get("/read")

    assert response.data == b"1"
    assert "cookie" in _vary(response)


def test_reading_an_empty_session_adds_vary_cookie(target, app, client):
    """Reading the session adds ``Vary: Cookie`` even when the request had no session cookie and nothing is stored (Flask API: SessionMixin.accessed)."""
    _add_views(app, target)

    response = client.get("/read")

    assert response.headers.getlist("Set-Cookie") == []
    assert "cookie" in _vary(response)


def test_untouched_session_adds_no_vary(target, app, client):
    """A view that never uses the session gets no ``Vary: Cookie`` on its response (Flask API: SessionMixin.accessed)."""
    _add_views(app, target)
    client.get("/set")

    response = client.get("/untouched")

    assert "cookie" not in _vary(response)


def test_writing_the_session_adds_vary_cookie(target, app, client):
    """A response that sets the session cookie carries ``Vary: Cookie`` (Flask API: SecureCookieSessionInterface)."""
    _add_views(app, target)

    response = client.get("/set")

    assert response.headers.getlist("Set-Cookie")
    assert "cookie" in _vary(response)


def test_unchanged_session_sends_no_cookie(target, app, client):
    """When a non-permanent session is read but not modified the response has no ``Set-Cookie`` header (Flask API: SessionInterface.should_set_cookie)."""
    _add_views(app, target)
    client.get("/set")

    response = client.get("/read")

    assert response.headers.getlist("Set-Cookie") == []
    assert client.get_cookie("session") is not None


def test_empty_unmodified_session_sends_no_cookie(target, app, client):
    """A request with no session cookie whose view does not write the session gets no ``Set-Cookie`` header (Flask API: SecureCookieSessionInterface)."""
    _add_views(app, target)

    response = client.get("/untouched")

    assert response.headers.getlist("Set-Cookie") == []
    assert client.get_cookie("session") is None


def test_emptying_the_session_deletes_the_cookie(target, app, client):
    """When a modified session ends up empty the response expires the session cookie and the client drops it (Flask API: SecureCookieSessionInterface)."""
    _add_views(app, target)
    client.get("/set")

    response = client.get("/clear")

    header = _only_set_cookie(response)
    assert header.startswith("session=;")
    assert "expires=thu, 01 jan 1970 00:00:00 gmt" in header.lower()
    assert "cookie" in _vary(response)
    assert client.get_cookie("session") is None
    assert client.get("/read").data == b"None"


def test_deleting_the_last_key_deletes_the_cookie(target, app, client):
    """Removing the last key with ``del`` leaves an empty, modified session, so the cookie is expired (Flask API: SecureCookieSessionInterface)."""

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/drop")
    def drop():
        del target.session["a"]
        return ""

    client.get("/set")
    response = client.get("/drop")

    header = _only_set_cookie(response)
    assert header.startswith("session=;")
    assert client.get_cookie("session") is None


def test_permanent_session_is_refreshed_on_every_request(target, app, client):
    """With ``SESSION_REFRESH_EACH_REQUEST`` on (the default) a permanent session cookie is re-sent even by a request that does not modify it (Flask docs: Configuration Handling)."""
    _add_views(app, target)
    client.get("/permanent")

    response = client.get("/untouched")

    header = _only_set_cookie(response)
    assert header.startswith("session=")
    assert "expires=" in header.lower()


def test_permanent_session_is_not_refreshed_when_turned_off(target, app, client):
    """With ``SESSION_REFRESH_EACH_REQUEST = False`` a permanent session cookie is sent only when the session is modified (Flask docs: Configuration Handling)."""
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    _add_views(app, target)
    first = client.get("/permanent")

    response = client.get("/read")

    assert first.headers.getlist("Set-Cookie")
    assert response.data == b"1"
    assert response.headers.getlist("Set-Cookie") == []


def test_refresh_does_not_apply_to_non_permanent_sessions(target, app, client):
    """Turning on ``SESSION_REFRESH_EACH_REQUEST`` does not re-send a session that is not permanent and not modified (Flask API: SessionInterface.should_set_cookie)."""
    app.config["SESSION_REFRESH_EACH_REQUEST"] = True
    _add_views(app, target)
    client.get("/set")

    response = client.get("/read")

    assert response.headers.getlist("Set-Cookie") == []


def test_refreshed_permanent_session_cookie_carries_vary_cookie(target, app, client):
    """A permanent session's cookie refreshed on a request whose view never touches the session still carries ``Vary: Cookie`` (Flask API: SessionInterface.save_session)."""

    @app.route("/login")
    def login():
        target.session.permanent = True
        target.session["user"] = "ada"
        return ""

    @app.route("/plain")
    def plain():
        return "plain"

    client.get("/login")
    response = client.get("/plain")

    assert "Set-Cookie" in response.headers
    assert _vary(response) == {"cookie"}
