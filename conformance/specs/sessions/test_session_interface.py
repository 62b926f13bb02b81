"""Replacing the session backend through ``app.session_interface``."""

import pytest


def _server_side_interface(target, calls, store):
    """A session interface keeping data on the server and only an id in a cookie."""

    class ServerSession(dict, target.sessions.SessionMixin):
        def __init__(self, sid, data=()):
            super().__init__(data)
            self.sid = sid

    class ServerSideInterface(target.sessions.SessionInterface):
        def open_session(self, app, request):
            sid = request.cookies.get("sid") or str(len(store) + 1)
            calls.append(("open", sid))
            return ServerSession(sid, store.get(sid, {}))

        def save_session(self, app, session, response):
            calls.append(("save", session.sid, dict(session)))
            store[session.sid] = dict(session)
            response.set_cookie("sid", session.sid)

    return ServerSideInterface()


def test_default_interface_is_the_secure_cookie_interface(target, app):
    """An application's default ``session_interface`` is a ``SecureCookieSessionInterface`` (Flask API: Flask.session_interface)."""
    assert isinstance(app.session_interface, target.sessions.SecureCookieSessionInterface)
    assert isinstance(app.session_interface, target.sessions.SessionInterface)


def test_custom_interface_opens_before_the_view_and_saves_after(target, app, client):
    """A custom session interface's ``open_session`` runs before the view and ``save_session`` after it, with the session the view changed (Flask API: SessionInterface)."""
    calls, store = [], {}
    app.session_interface = _server_side_interface(target, calls, store)

    @app.route("/")
    def index():
        calls.append("view")
        target.session["user"] = "alice"
        return ""

    client.get("/")

    assert calls == [("open", "1"), "view", ("save", "1", {"user": "alice"})]


def test_custom_interface_carries_data_between_requests(target, app, client):
    """Data stored through a custom server-side session interface is found again in the next request (Flask API: SessionInterface)."""
    calls, store = [], {}
    app.session_interface = _server_side_interface(target, calls, store)
    seen = []

    @app.route("/set")
    def set_value():
        target.session["user"] = "alice"
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session.get("user"))
        return ""

    client.get("/set")
    client.get("/get")

    assert seen == ["alice"]
    assert client.get_cookie("sid").value == "1"
    assert store == {"1": {"user": "alice"}}


def test_null_session_is_not_saved(target, app, client):
    """The interface's ``save_session`` is skipped when ``is_null_session`` says the session is a null session (Flask API: SessionInterface.is_null_session)."""
    calls = []

    class Session(dict, target.sessions.SessionMixin):
        pass

    class NeverSaved(target.sessions.SessionInterface):
        def open_session(self, app, request):
            calls.append("open")
            return Session()

        def is_null_session(self, obj):
            calls.append("is_null")
            return True

        def save_session(self, app, session, response):
            calls.append("save")

    app.session_interface = NeverSaved()

    @app.route("/")
    def index():
        target.session["a"] = 1
        return "done"

    assert client.get("/").data == b"done"
    assert "open" in calls
    assert "is_null" in calls
    assert "save" not in calls


def test_open_session_returning_none_gives_a_null_session(target, app, client):
    """When ``open_session`` returns ``None`` the request gets the interface's null session: it reads as empty and writing raises ``RuntimeError`` (Flask API: SessionInterface.make_null_session)."""
    saved = []

    class Unavailable(target.sessions.SessionInterface):
        def open_session(self, app, request):
            return None

        def save_session(self, app, session, response):
            saved.append(session)

    app.session_interface = Unavailable()
    seen = []

    @app.route("/read")
    def read():
        seen.append(
            (
                target.session.get("a"),
                app.session_interface.is_null_session(target.session),
            )
        )
        return ""

    @app.route("/write")
    def write():
        target.session["a"] = 1
        return ""

    client.get("/read")
    with pytest.raises(RuntimeError):
        client.get("/write")

    assert seen == [(None, True)]
    assert saved == []


def test_subclass_can_override_the_cookie_name(target, app, client):
    """A ``SecureCookieSessionInterface`` subclass overriding ``get_cookie_name`` stores and reads the session under that name (Flask API: SessionInterface.get_cookie_name)."""

    class Named(target.sessions.SecureCookieSessionInterface):
        def get_cookie_name(self, app):
            return "custom_session"

    app.session_interface = Named()
    seen = []

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session.get("a"))
        return ""

    client.get("/set")
    client.get("/get")

    assert client.get_cookie("custom_session") is not None
    assert client.get_cookie("session") is None
    assert seen == [1]


def test_salt_separates_cookie_interfaces(target, app, client):
    """Cookies signed by a ``SecureCookieSessionInterface`` with another ``salt`` fail verification even with the same secret key (Flask API: SecureCookieSessionInterface.salt)."""

    class Salted(target.sessions.SecureCookieSessionInterface):
        salt = "another-salt"

    seen = []

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session.get("a"))
        return ""

    client.get("/set")
    app.session_interface = Salted()
    client.get("/get")

    assert seen == [None]
