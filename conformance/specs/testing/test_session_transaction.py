"""``client.session_transaction`` with unusual session backends, and ``with client:`` across redirects."""

import pytest


def test_session_transaction_without_a_session_raises(target, app, client):
    """``session_transaction`` raises ``RuntimeError`` when the session interface opens no session (Flask API: FlaskClient.session_transaction)."""

    class NoSession(target.sessions.SecureCookieSessionInterface):
        def open_session(self, app, request):
            return None

    app.session_interface = NoSession()

    with pytest.raises(RuntimeError, match="did not open a session"):
        with client.session_transaction():
            pass


def test_session_transaction_with_a_null_session_stores_nothing(target, app, client):
    """When the interface opens a null session, ``session_transaction`` yields it and stores no cookie (Flask API: FlaskClient.session_transaction)."""
    saved = []

    class NullOnly(target.sessions.SecureCookieSessionInterface):
        def open_session(self, app, request):
            return self.make_null_session(app)

        def save_session(self, app, session, response):
            saved.append(session)

    app.session_interface = NullOnly()

    with client.session_transaction() as session:
        assert isinstance(session, target.sessions.NullSession)
        assert dict(session) == {}

    assert saved == []
    assert client.get_cookie("session") is None


def test_with_client_keeps_the_last_redirect_target(target, app, client):
    """Inside ``with client:``, after ``follow_redirects=True`` the preserved ``request`` is the final request of the chain (Flask docs: Testing Flask Applications)."""

    @app.route("/from")
    def origin():
        return target.redirect("/to?done=1")

    @app.route("/to")
    def destination():
        return "arrived"

    with client:
        response = client.get("/from", follow_redirects=True)
        assert response.data == b"arrived"
        assert target.request.path == "/to"
        assert target.request.args["done"] == "1"


def test_session_transaction_cookie_is_set_for_the_host_without_its_port(target, app):
    """With a ``SERVER_NAME`` carrying a port, ``session_transaction`` stores the session cookie for the host name without the port, and the next request sends it (Flask API: FlaskClient.session_transaction)."""
    app.config["SERVER_NAME"] = "example.test:8080"

    @app.route("/")
    def index():
        return target.session.get("user", "none")

    client = app.test_client()
    with client.session_transaction() as session:
        session["user"] = "ada"

    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="example.test") is not None
    assert client.get("/").get_data(as_text=True) == "ada"
