"""``PERMANENT_SESSION_LIFETIME`` and the expiry of the session cookie."""

from datetime import UTC, datetime, timedelta


def _only_set_cookie(response):
    """The single Set-Cookie header of *response*."""
    headers = response.headers.getlist("Set-Cookie")
    assert len(headers) == 1, headers
    return headers[0]


def _add_views(app, target):
    @app.route("/permanent")
    def permanent():
        target.session.permanent = True
        target.session["a"] = 1
        return ""

    @app.route("/browser")
    def browser():
        target.session["a"] = 1
        return ""

    @app.route("/forget")
    def forget():
        target.session.permanent = False
        return ""


def _assert_expires_in(cookie, lifetime, requested_at):
    assert cookie.expires is not None
    earliest = requested_at + lifetime - timedelta(seconds=5)
    latest = datetime.now(UTC) + lifetime + timedelta(seconds=5)
    assert earliest <= cookie.expires <= latest


def test_permanent_session_cookie_expires_after_the_lifetime(target, app, client):
    """A permanent session's cookie carries an ``Expires`` of now plus ``PERMANENT_SESSION_LIFETIME`` given as a timedelta (Flask docs: Configuration Handling)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=2)
    _add_views(app, target)
    requested_at = datetime.now(UTC)

    client.get("/permanent")

    _assert_expires_in(client.get_cookie("session"), timedelta(days=2), requested_at)


def test_lifetime_given_as_integer_seconds(target, app, client):
    """A ``PERMANENT_SESSION_LIFETIME`` given as an integer is a number of seconds for the permanent cookie's ``Expires`` (Flask docs: Configuration Handling)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = 3600
    _add_views(app, target)
    requested_at = datetime.now(UTC)

    client.get("/permanent")

    _assert_expires_in(client.get_cookie("session"), timedelta(hours=1), requested_at)


def test_default_lifetime_is_31_days(target, app, client):
    """Without configuration a permanent session cookie expires 31 days after the response (Flask docs: Configuration Handling)."""
    _add_views(app, target)
    requested_at = datetime.now(UTC)

    client.get("/permanent")

    _assert_expires_in(client.get_cookie("session"), timedelta(days=31), requested_at)


def test_app_lifetime_attribute_converts_seconds_to_timedelta(app):
    """The ``app.permanent_session_lifetime`` attribute reads the config and turns an integer number of seconds into a ``timedelta`` (Flask API: Flask.permanent_session_lifetime)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = 90

    assert app.permanent_session_lifetime == timedelta(seconds=90)


def test_non_permanent_session_cookie_has_no_expiry(target, app, client):
    """A session that is not permanent is sent as a browser-session cookie, with no ``Expires`` or ``Max-Age`` (Flask API: SessionMixin.permanent)."""
    _add_views(app, target)

    response = client.get("/browser")

    header = _only_set_cookie(response)
    assert "expires=" not in header.lower()
    assert "max-age=" not in header.lower()
    assert client.get_cookie("session").expires is None


def test_clearing_permanent_turns_the_cookie_back_into_a_browser_cookie(target, app, client):
    """Setting ``session.permanent = False`` on a permanent session re-sends the cookie without ``Expires`` (Flask API: SessionMixin.permanent)."""
    _add_views(app, target)
    client.get("/permanent")
    assert client.get_cookie("session").expires is not None

    response = client.get("/forget")

    header = _only_set_cookie(response)
    assert header.startswith("session=")
    assert "expires=" not in header.lower()
    assert client.get_cookie("session").expires is None
