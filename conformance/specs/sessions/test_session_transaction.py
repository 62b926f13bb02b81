"""``client.session_transaction()`` reads and writes the test client's session."""

import pytest


def _add_views(app, target):
    @app.route("/set/<value>")
    def set_value(value):
        target.session["a"] = value
        return ""

    @app.route("/get")
    def get():
        return repr(target.session.get("a"))


def test_transaction_reads_the_session_set_by_a_request(target, app, client):
    """Inside ``session_transaction`` the session holds what earlier requests of the client stored (Flask API: FlaskClient.session_transaction)."""
    _add_views(app, target)
    client.get("/set/from-request")

    with client.session_transaction() as session:
        assert dict(session) == {"a": "from-request"}


def test_transaction_writes_are_seen_by_the_next_request(target, app, client):
    """Values set inside ``session_transaction`` are saved when the block ends and seen by the next request (Flask API: FlaskClient.session_transaction)."""
    _add_views(app, target)

    with client.session_transaction() as session:
        session["a"] = "from-test"

    assert client.get("/get").data == b"'from-test'"
    assert client.get_cookie("session") is not None


def test_transaction_starts_empty_for_a_new_client(target, app, client):
    """A client that made no request opens an empty session in ``session_transaction`` (Flask API: FlaskClient.session_transaction)."""
    with client.session_transaction() as session:
        assert dict(session) == {}
        assert session.permanent is False


def test_transaction_clear_removes_the_cookie(target, app, client):
    """Clearing the session inside ``session_transaction`` removes the client's session cookie (Flask API: FlaskClient.session_transaction)."""
    _add_views(app, target)
    client.get("/set/value")

    with client.session_transaction() as session:
        session.clear()

    assert client.get_cookie("session") is None
    assert client.get("/get").data == b"None"


def test_transaction_can_make_the_session_permanent(target, app, client):
    """Setting ``permanent`` inside ``session_transaction`` gives the client a session cookie with an expiry (Flask API: FlaskClient.session_transaction)."""
    with client.session_transaction() as session:
        session.permanent = True
        session["a"] = 1

    assert client.get_cookie("session").expires is not None


def test_transaction_without_a_secret_key_raises(target, app, client):
    """Entering ``session_transaction`` raises ``RuntimeError`` when the session interface opens no session, as without ``SECRET_KEY`` (Flask API: FlaskClient.session_transaction)."""
    app.config["SECRET_KEY"] = None

    with pytest.raises(RuntimeError), client.session_transaction():
        pass


def test_transaction_with_a_custom_interface_returning_none_raises(target, app, client):
    """Entering ``session_transaction`` raises ``RuntimeError`` when a custom interface's ``open_session`` returns ``None`` (Flask API: FlaskClient.session_transaction)."""

    class Unavailable(target.sessions.SessionInterface):
        def open_session(self, app, request):
            return None

        def save_session(self, app, session, response):
            raise AssertionError("a session that never opened is not saved")

    app.session_interface = Unavailable()

    with pytest.raises(RuntimeError), client.session_transaction():
        pass


def test_transaction_does_not_save_a_null_session(target, app, client):
    """When the opened session is a null session ``session_transaction`` leaves without calling ``save_session`` (Flask API: SessionInterface.is_null_session)."""
    saved = []

    class AlwaysNull(target.sessions.SessionInterface):
        def open_session(self, app, request):
            return self.make_null_session(app)

        def save_session(self, app, session, response):
            saved.append(session)

    app.session_interface = AlwaysNull()

    with client.session_transaction() as session:
        assert dict(session) == {}
        with pytest.raises(RuntimeError):
            session["a"] = 1

    assert saved == []
    assert client.get_cookie("session") is None


def test_transaction_requires_cookies(target, app):
    """Entering ``session_transaction`` raises ``TypeError`` on a client created with ``use_cookies=False`` (Flask API: FlaskClient.session_transaction)."""
    cookieless = target.make_client(app, use_cookies=False)

    with pytest.raises(TypeError), cookieless.session_transaction():
        pass
