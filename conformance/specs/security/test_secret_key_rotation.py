"""Rotating ``SECRET_KEY`` with ``SECRET_KEY_FALLBACKS``: old cookies read, new ones signed with the current key."""

import pytest

CURRENT = "current-key"
FALLBACKS = ["previous-key", "oldest-key"]


def _rotating_app(target, **config):
    app = target.Flask("rotating_app")
    app.config.update(TESTING=True, SECRET_KEY=CURRENT, SECRET_KEY_FALLBACKS=FALLBACKS)
    app.config.update(config)

    @app.route("/read")
    def read():
        return repr(sorted(target.session.items()))

    @app.route("/write")
    def write():
        target.session["visits"] = target.session.get("visits", 0) + 1
        return repr(sorted(target.session.items()))

    return app


def _cookie_from(target, secret_key, permanent=False):
    """The session cookie value an app keyed only with *secret_key* sends for ``user=alice``."""
    signer = target.Flask("signer_app")
    signer.config.update(TESTING=True, SECRET_KEY=secret_key)

    @signer.route("/login")
    def login():
        if permanent:
            target.session.permanent = True
        target.session["user"] = "alice"
        return ""

    client = target.make_client(signer)
    client.get("/login")
    return client.get_cookie("session").value


def _reads(target, secret_key, cookie):
    """What an app keyed only with *secret_key* finds in the session *cookie* carries."""
    reader = _rotating_app(target, SECRET_KEY=None, SECRET_KEY_FALLBACKS=[])
    reader.secret_key = secret_key
    client = target.make_client(reader, use_cookies=False)
    return client.get("/read", headers={"Cookie": f"session={cookie}"}).text


def _set_cookie_value(response):
    [header] = response.headers.getlist("Set-Cookie")
    return header.split(";")[0].removeprefix("session=")


@pytest.mark.parametrize("old_key", FALLBACKS)
def test_cookie_signed_with_any_fallback_key_is_read(target, old_key):
    """A session cookie signed with any key in ``SECRET_KEY_FALLBACKS`` is read, without a Set-Cookie while the session is unchanged (Flask API: SECRET_KEY_FALLBACKS)."""
    app = _rotating_app(target)
    client = target.make_client(app, use_cookies=False)

    response = client.get("/read", headers={"Cookie": f"session={_cookie_from(target, old_key)}"})

    assert (response.status_code, response.text) == (200, "[('user', 'alice')]")
    assert response.headers.getlist("Set-Cookie") == []


@pytest.mark.parametrize("old_key", FALLBACKS)
def test_modified_session_is_re_signed_with_the_current_key(target, old_key):
    """When a session read from a fallback-signed cookie is modified, the new cookie is signed with ``SECRET_KEY`` so an app keyed only with the old key reads it as empty (Flask API: SECRET_KEY_FALLBACKS)."""
    app = _rotating_app(target)
    client = target.make_client(app, use_cookies=False)

    response = client.get("/write", headers={"Cookie": f"session={_cookie_from(target, old_key)}"})
    new_cookie = _set_cookie_value(response)

    assert response.text == "[('user', 'alice'), ('visits', 1)]"
    assert _reads(target, CURRENT, new_cookie) == "[('user', 'alice'), ('visits', 1)]"
    assert _reads(target, old_key, new_cookie) == "[]"


def test_refreshed_permanent_session_is_re_signed_with_the_current_key(target):
    """A permanent session read from a fallback-signed cookie is sent back on every request, signed with ``SECRET_KEY``, while ``SESSION_REFRESH_EACH_REQUEST`` is on (Flask API: SESSION_REFRESH_EACH_REQUEST)."""
    app = _rotating_app(target)
    client = target.make_client(app, use_cookies=False)
    old_cookie = _cookie_from(target, FALLBACKS[0], permanent=True)

    response = client.get("/read", headers={"Cookie": f"session={old_cookie}"})

    assert response.text == "[('_permanent', True), ('user', 'alice')]"
    assert _reads(target, CURRENT, _set_cookie_value(response)) == response.text


def test_key_dropped_from_the_fallbacks_is_no_longer_read(target):
    """Once a key is removed from ``SECRET_KEY_FALLBACKS`` the cookies it signed give an empty session (Flask API: SECRET_KEY_FALLBACKS)."""
    app = _rotating_app(target, SECRET_KEY_FALLBACKS=FALLBACKS[:1])
    client = target.make_client(app, use_cookies=False)
    cookie = _cookie_from(target, FALLBACKS[1])

    response = client.get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[]")


def test_fallback_keys_never_sign_new_cookies(target):
    """A fresh session saved while ``SECRET_KEY_FALLBACKS`` is set is read by an app keyed with ``SECRET_KEY`` and by none keyed with a fallback key (Flask API: SECRET_KEY_FALLBACKS)."""
    app = _rotating_app(target)
    client = target.make_client(app, use_cookies=False)

    cookie = _set_cookie_value(client.get("/write"))

    assert _reads(target, CURRENT, cookie) == "[('visits', 1)]"
    assert [_reads(target, key, cookie) for key in FALLBACKS] == ["[]", "[]"]
