"""Flask's sentences from its test client and environment builder."""

import pytest


def test_base_url_with_subdomain_message(app):
    """``base_url`` together with ``subdomain`` fails an assertion with exactly Flask's sentence (Flask API: flask.testing.EnvironBuilder)."""
    with pytest.raises(AssertionError) as raised:
        app.test_request_context("/", base_url="http://localhost/", subdomain="api")
    assert str(raised.value) == 'Cannot pass "subdomain" or "url_scheme" with "base_url".'


def test_session_transaction_without_cookies_message(app):
    """``session_transaction`` on a client made with ``use_cookies=False`` raises TypeError with exactly Flask's sentence (Flask API: FlaskClient.session_transaction)."""
    client = app.test_client(use_cookies=False)
    with pytest.raises(TypeError) as raised, client.session_transaction():
        pass
    assert str(raised.value) == "Cookies are disabled. Create a client with 'use_cookies=True'."


def test_session_transaction_without_a_session_message(app, target):
    """``session_transaction`` with a session interface that opens no session raises RuntimeError with exactly Flask's sentence (Flask API: FlaskClient.session_transaction)."""

    class NoSession(target.sessions.SecureCookieSessionInterface):
        def open_session(self, app, request):
            return None

    app.session_interface = NoSession()
    with pytest.raises(RuntimeError) as raised, app.test_client().session_transaction():
        pass
    assert str(raised.value) == "Session backend did not open a session."


def test_nested_client_with_blocks_message(client):
    """Entering a test client's ``with`` block inside another on the same client raises RuntimeError with exactly Flask's sentence (Flask API: FlaskClient)."""
    with client:
        with pytest.raises(RuntimeError) as raised:
            client.__enter__()
    assert str(raised.value) == "Cannot nest client invocations"
