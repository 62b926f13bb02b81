"""What the error raised for setup after the first request says."""

import pytest


def test_late_add_url_rule_names_the_setup_method(app, client):
    """Calling ``add_url_rule`` after the application handled a request raises ``AssertionError`` whose message names ``'add_url_rule'`` (Flask API: Flask.add_url_rule)."""
    app.add_url_rule("/first", "first", lambda: "first")
    assert client.get("/first").status_code == 200

    with pytest.raises(AssertionError) as caught:
        app.add_url_rule("/second", "second", lambda: "second")

    assert "'add_url_rule'" in str(caught.value)
