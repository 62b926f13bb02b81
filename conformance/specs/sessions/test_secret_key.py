"""``SECRET_KEY``, ``SECRET_KEY_FALLBACKS`` and the null session used without a key."""

import pytest


def _add_views(app, target):
    @app.route("/set/<value>")
    def set_value(value):
        target.session["a"] = value
        return ""

    @app.route("/get")
    def get():
        return repr(target.session.get("a"))


def _cookie_signed_with(target, secret_key, value):
    """The session cookie value an application keyed with *secret_key* sends for ``a=value``."""
    signer = target.Flask("signer_app")
    signer.config.update(TESTING=True, SECRET_KEY=secret_key)
    _add_views(signer, target)
    signer_client = target.make_client(signer)
    signer_client.get(f"/set/{value}")
    return signer_client.get_cookie("session").value


def test_cookie_signed_with_a_fallback_key_is_read(target, app, client):
    """A session cookie signed with a key listed in ``SECRET_KEY_FALLBACKS`` is still accepted (Flask docs: Configuration Handling)."""
    app.config.update(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["older-key", "old-key"])
    _add_views(app, target)
    client.set_cookie("session", _cookie_signed_with(target, "old-key", "kept"))

    assert client.get("/get").data == b"'kept'"


def test_cookie_signed_with_a_retired_key_is_ignored(target, app, client):
    """A session cookie signed with a key that is neither ``SECRET_KEY`` nor in ``SECRET_KEY_FALLBACKS`` gives an empty session (Flask docs: Configuration Handling)."""
    app.config.update(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["older-key"])
    _add_views(app, target)
    client.set_cookie("session", _cookie_signed_with(target, "old-key", "lost"))

    assert client.get("/get").data == b"None"


def test_new_cookies_are_signed_with_the_current_key(target, app, client):
    """A session saved while ``SECRET_KEY_FALLBACKS`` is set is signed with ``SECRET_KEY``, so an app without the fallbacks reads it (Flask docs: Configuration Handling)."""
    app.config.update(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["old-key"])
    _add_views(app, target)
    client.set_cookie("session", _cookie_signed_with(target, "old-key", "first"))
    client.get("/set/second")
    value = client.get_cookie("session").value

    current_only = target.Flask("current_only_app")
    current_only.config.update(TESTING=True, SECRET_KEY="new-key")
    _add_views(current_only, target)
    current_client = target.make_client(current_only)
    current_client.set_cookie("session", value)
    fallback_only = target.Flask("fallback_only_app")
    fallback_only.config.update(TESTING=True, SECRET_KEY="old-key")
    _add_views(fallback_only, target)
    fallback_client = target.make_client(fallback_only)
    fallback_client.set_cookie("session", value)

    assert current_client.get("/get").data == b"'second'"
    assert fallback_client.get("/get").data == b"None"


def test_bytes_secret_key_signs_sessions(target, app, client):
    """A ``SECRET_KEY`` given as bytes still signs and reads the session cookie (Flask docs: Configuration Handling)."""
    app.config["SECRET_KEY"] = b"\x00binary-secret\xff"
    _add_views(app, target)

    client.get("/set/value")

    assert client.get("/get").data == b"'value'"


def test_reading_the_session_without_a_secret_key_works(target, app, client):
    """Without ``SECRET_KEY`` the session is a null session that reads as empty without error (Flask API: NullSession)."""
    app.config["SECRET_KEY"] = None
    seen = []

    @app.route("/")
    def index():
        seen.append((target.session.get("a"), len(target.session), bool(target.session)))
        return "read"

    response = client.get("/")

    assert response.status_code == 200
    assert seen == [(None, 0, False)]
    assert response.headers.getlist("Set-Cookie") == []


def test_writing_the_session_without_a_secret_key_raises(target, app, client):
    """Setting a key in the session without ``SECRET_KEY`` raises ``RuntimeError`` (Flask API: NullSession)."""
    app.config["SECRET_KEY"] = None
    _add_views(app, target)

    with pytest.raises(RuntimeError):
        client.get("/set/value")


@pytest.mark.parametrize("operation", ["delete", "clear", "pop", "update", "setdefault", "popitem"])
def test_every_null_session_mutation_raises(target, app, client, operation):
    """Every mutating method of the null session (``del``, ``clear``, ``pop``, ``update``, ``setdefault``, ``popitem``) raises ``RuntimeError`` (Flask API: NullSession)."""
    app.config["SECRET_KEY"] = None
    errors = []

    @app.route("/")
    def index():
        session = target.session
        calls = {
            "delete": lambda: session.__delitem__("a"),
            "clear": session.clear,
            "pop": lambda: session.pop("a", None),
            "update": lambda: session.update(a=1),
            "setdefault": lambda: session.setdefault("a", 1),
            "popitem": session.popitem,
        }
        try:
            calls[operation]()
        except RuntimeError:
            errors.append(operation)
        return ""

    client.get("/")

    assert errors == [operation]


def test_cookie_is_ignored_without_a_secret_key(target, app, client):
    """Without ``SECRET_KEY`` an existing session cookie is not loaded and the session is empty (Flask API: SecureCookieSessionInterface.open_session)."""
    app.config["SECRET_KEY"] = None
    _add_views(app, target)
    client.set_cookie("session", _cookie_signed_with(target, "some-key", "secret"))

    response = client.get("/get")

    assert response.data == b"None"
    assert response.headers.getlist("Set-Cookie") == []
