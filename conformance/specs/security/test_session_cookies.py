"""Session cookies that are forged, damaged, expired or oversized."""

import time
from datetime import timedelta

import itsdangerous
import pytest

from conformance.support import cases

STORED = {"user": "alice"}


def _session_views(app, target):
    @app.route("/read")
    def read():
        return repr(sorted(target.session.items()))

    @app.route("/write")
    def write():
        target.session["visits"] = target.session.get("visits", 0) + 1
        return repr(sorted(target.session.items()))

    @app.route("/untouched")
    def untouched():
        return "session not used"


def _signed_cookie(target, secret_key, data, seconds_from_now=0):
    """A cookie in the signed format the target's ``SecureCookieSessionInterface``
    documents (its salt, key derivation, digest and serializer), stamped at
    *seconds_from_now* from now."""
    interface = target.sessions.SecureCookieSessionInterface

    class Clock(itsdangerous.TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) + seconds_from_now

    serializer = itsdangerous.URLSafeTimedSerializer(
        secret_key,
        salt=interface.salt,
        serializer=interface.serializer,
        signer=Clock,
        signer_kwargs={
            "key_derivation": interface.key_derivation,
            "digest_method": interface.digest_method,
        },
    )
    return serializer.dumps(data)


def _cookie_client(target, app):
    """A client that sends exactly the Cookie header a spec gives it."""
    return target.make_client(app, use_cookies=False)


def _fill(template, good):
    payload, timestamp, signature = good.split(".")
    return template.format(
        good=good,
        payload=payload,
        timestamp=timestamp,
        signature=signature,
        oversized="A" * 8000,
    )


@pytest.mark.parametrize(("given", "expected"), cases("security_session_cookies"))
def test_damaged_cookie_gives_an_empty_session(target, app, given, expected):
    """A session cookie that is garbage, truncated, re-padded, re-stamped, unsigned or oversized gives the view an empty session, a 200 and no Set-Cookie when the view leaves the session alone (Flask API: SecureCookieSessionInterface)."""
    _session_views(app, target)
    cookie = _fill(given, _signed_cookie(target, app.secret_key, STORED))

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert response.status_code == expected["status"]
    assert response.text == repr(sorted(expected["session"].items()))
    assert response.headers.getlist("Set-Cookie") == []
    assert response.headers["Vary"] == "Cookie"


@pytest.mark.parametrize(("given", "expected"), cases("security_session_cookies"))
def test_damaged_cookie_is_replaced_when_the_session_is_written(target, app, given, expected):
    """A view that writes to the session it got from a damaged cookie sends a new signed cookie holding only what it wrote (Flask API: SecureCookieSessionInterface.save_session)."""
    _session_views(app, target)
    client = _cookie_client(target, app)
    cookie = _fill(given, _signed_cookie(target, app.secret_key, STORED))

    written = client.get("/write", headers={"Cookie": f"session={cookie}"})
    [set_cookie] = written.headers.getlist("Set-Cookie")
    new_value = set_cookie.split(";")[0].removeprefix("session=")
    read_back = client.get("/read", headers={"Cookie": f"session={new_value}"})

    assert (written.status_code, written.text) == (200, "[('visits', 1)]")
    assert set_cookie.endswith("; HttpOnly; Path=/")
    assert read_back.text == "[('visits', 1)]"


def test_cookie_signed_with_another_key_claims_nothing(target, app):
    """A well-formed session cookie signed with a key the application does not know gives an empty session, whatever it claims (Flask docs: Security Considerations)."""
    _session_views(app, target)
    forged = _signed_cookie(target, "attacker-key", {"user": "admin", "is_admin": True})

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={forged}"})

    assert (response.status_code, response.text) == (200, "[]")
    assert response.headers.getlist("Set-Cookie") == []


def test_session_cookie_signed_with_a_different_salt_is_rejected(target, app):
    """A cookie signed with the application's key but another salt gives an empty session, so other signed values cannot pass as sessions (Flask API: SecureCookieSessionInterface.salt)."""
    _session_views(app, target)
    serializer = itsdangerous.URLSafeTimedSerializer(app.secret_key, salt="itsdangerous")
    cookie = serializer.dumps({"user": "admin"})

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[]")


@pytest.mark.parametrize("permanent", [True, False], ids=["permanent", "not-permanent"])
def test_cookie_older_than_the_lifetime_gives_an_empty_session(target, app, permanent):
    """A signed session cookie stamped longer ago than ``PERMANENT_SESSION_LIFETIME`` gives an empty session, permanent or not (Flask API: PERMANENT_SESSION_LIFETIME)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=1)
    _session_views(app, target)
    data = {**STORED, "_permanent": True} if permanent else STORED
    cookie = _signed_cookie(target, app.secret_key, data, seconds_from_now=-3600)

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[]")
    assert response.headers.getlist("Set-Cookie") == []


def test_cookie_within_the_lifetime_is_read(target, app):
    """A signed session cookie stamped less than ``PERMANENT_SESSION_LIFETIME`` ago is read (Flask API: PERMANENT_SESSION_LIFETIME)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=2)
    _session_views(app, target)
    cookie = _signed_cookie(target, app.secret_key, STORED, seconds_from_now=-3600)

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[('user', 'alice')]")


def test_cookie_stamped_in_the_future_gives_an_empty_session(target, app):
    """A signed session cookie whose timestamp lies an hour in the future gives an empty session (Flask API: SecureCookieSessionInterface)."""
    _session_views(app, target)
    cookie = _signed_cookie(target, app.secret_key, STORED, seconds_from_now=3600)

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[]")


def test_expired_cookie_is_replaced_when_the_session_is_written(target, app):
    """Writing to the session after an expired cookie sends a fresh cookie without the expired cookie's data (Flask API: PERMANENT_SESSION_LIFETIME)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=1)
    _session_views(app, target)
    client = _cookie_client(target, app)
    cookie = _signed_cookie(target, app.secret_key, STORED, seconds_from_now=-3600)

    response = client.get("/write", headers={"Cookie": f"session={cookie}"})
    new_value = response.headers["Set-Cookie"].split(";")[0].removeprefix("session=")

    assert response.text == "[('visits', 1)]"
    assert client.get("/read", headers={"Cookie": f"session={new_value}"}).text == (
        "[('visits', 1)]"
    )


def test_damaged_cookie_is_left_alone_by_views_without_the_session(target, app):
    """A request carrying a damaged session cookie to a view that never touches the session gets no Set-Cookie and no ``Vary: Cookie`` (Flask API: SecureCookieSessionInterface.save_session)."""
    _session_views(app, target)

    response = _cookie_client(target, app).get("/untouched", headers={"Cookie": "session=garbage"})

    assert (response.status_code, response.text) == (200, "session not used")
    assert "Set-Cookie" not in response.headers
    assert "Vary" not in response.headers


def test_padding_after_the_signature_still_verifies(target, app):
    """Base64 padding appended to a valid cookie's signature leaves the signed bytes unchanged, so the session is still read (Flask API: SecureCookieSessionInterface)."""
    _session_views(app, target)
    cookie = _signed_cookie(target, app.secret_key, STORED) + "="

    response = _cookie_client(target, app).get("/read", headers={"Cookie": f"session={cookie}"})

    assert (response.status_code, response.text) == (200, "[('user', 'alice')]")
