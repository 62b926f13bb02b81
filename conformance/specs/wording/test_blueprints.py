"""Flask's sentences for mistakes made when defining a blueprint."""

import pytest


def test_blueprint_name_with_dot_message(target):
    """A blueprint name containing a dot raises ValueError whose message is exactly Flask's sentence naming the dot (Flask API: Blueprint)."""
    with pytest.raises(ValueError) as raised:
        target.Blueprint("admin.panel", __name__)
    assert str(raised.value) == "'name' may not contain a dot '.' character."
