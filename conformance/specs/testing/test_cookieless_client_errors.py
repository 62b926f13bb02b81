"""What a client made with ``use_cookies=False`` says when asked for its session."""

import pytest


def test_session_transaction_without_cookies_says_cookies_are_off(target, app):
    """``session_transaction`` on a client made with ``use_cookies=False`` raises ``TypeError`` whose message mentions cookies and ``use_cookies=True`` (Flask API: FlaskClient.session_transaction)."""
    client = target.make_client(app, use_cookies=False)

    with pytest.raises(TypeError) as caught, client.session_transaction():
        pass

    message = str(caught.value)
    assert "cookies" in message.lower()
    assert "use_cookies=True" in message
