"""The errors a view's unusable return value raises, and the facts their messages give."""

import pytest


def test_a_view_returning_none_raises_a_type_error_naming_its_endpoint(app, client):
    """A view returning ``None`` raises a ``TypeError`` naming its endpoint and saying it returned None or ended without a return statement (Flask API: Flask.make_response)."""

    @app.route("/none")
    def nothing():
        return None

    with pytest.raises(TypeError) as caught:
        client.get("/none")

    message = str(caught.value)
    assert "'nothing'" in message and "None" in message and "return statement" in message


def test_a_four_item_tuple_raises_a_type_error_listing_the_allowed_forms(app, client):
    """A view returning a tuple of four items raises a ``TypeError`` listing the allowed tuple forms (Flask API: Flask.make_response)."""

    @app.route("/tuple")
    def four():
        return "body", 200, {}, "extra"

    with pytest.raises(TypeError) as caught:
        client.get("/tuple")

    message = str(caught.value)
    for form in ("(body, status, headers)", "(body, status)", "(body, headers)"):
        assert form in message
