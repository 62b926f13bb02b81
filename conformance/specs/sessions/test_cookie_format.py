"""The session cookie's exact bytes: itsdangerous's URL-safe timed format with the
settings ``SecureCookieSessionInterface`` documents."""

import itsdangerous
import pytest

from conformance.support import cases


def _reference_cookie(target, app, data):
    """The cookie ``itsdangerous.URLSafeTimedSerializer`` makes for ``data`` now, with
    the interface's salt, key derivation, digest and serializer. The cases' keys are
    already in sorted order, so the JSON is the same inside an app context (whose
    provider sorts keys) and outside."""
    interface = target.sessions.SecureCookieSessionInterface
    serializer = itsdangerous.URLSafeTimedSerializer(
        app.secret_key,
        salt=interface.salt,
        serializer=interface.serializer,
        signer_kwargs={
            "key_derivation": interface.key_derivation,
            "digest_method": interface.digest_method,
        },
    )
    return serializer.dumps(data)


@pytest.mark.parametrize(("given", "expected"), cases("sessions_cookie_format"))
def test_session_cookie_is_the_itsdangerous_timed_url_safe_value(
    target, app, client, given, expected
):
    """The session cookie a view sets holds exactly what ``URLSafeTimedSerializer`` makes of the session with the interface's salt, key derivation, digest and serializer, zlib-compressed behind a leading dot only when that is shorter (Flask API: SecureCookieSessionInterface)."""

    @app.route("/write")
    def write():
        target.session.update(given)
        return "written"

    before = _reference_cookie(target, app, given)
    response = client.get("/write")
    after = _reference_cookie(target, app, given)

    (header,) = response.headers.getlist("Set-Cookie")
    cookie = header.split(";")[0].removeprefix("session=")
    # The two references bracket the request, should a second pass during it.
    assert cookie in {before, after}
    assert cookie.startswith(".") is expected["compressed"]


def test_session_interface_digest_method_is_plain_sha1(target):
    """``SecureCookieSessionInterface.digest_method`` builds plain SHA-1 hashes, with or without initial data (Flask API: SecureCookieSessionInterface.digest_method)."""
    import hashlib

    digest_method = target.sessions.SecureCookieSessionInterface.digest_method

    assert digest_method().digest() == hashlib.sha1().digest()
    assert digest_method(b"abc").digest() == hashlib.sha1(b"abc").digest()
