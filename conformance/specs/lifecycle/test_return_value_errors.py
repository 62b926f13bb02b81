"""The errors a view's unusable return value raises, word for word."""

import pytest


def test_a_view_returning_none_raises_a_type_error_naming_its_endpoint(app, client):
    """A view returning ``None`` raises a ``TypeError`` naming its endpoint and saying it returned None or ended without a return statement (Flask API: Flask.make_response)."""

    @app.route("/none")
    def nothing():
        return None

    with pytest.raises(TypeError) as caught:
        client.get("/none")

    assert str(caught.value) == (
        "The view function for 'nothing' did not return a valid response. The function"
        " either returned None or ended without a return statement."
    )


def test_a_four_item_tuple_raises_a_type_error_listing_the_allowed_forms(app, client):
    """A view returning a tuple of four items raises a ``TypeError`` listing the allowed tuple forms (Flask API: Flask.make_response)."""

    @app.route("/tuple")
    def four():
        return "body", 200, {}, "extra"

    with pytest.raises(TypeError) as caught:
        client.get("/tuple")

    assert str(caught.value) == (
        "The view function did not return a valid response tuple. The tuple must have"
        " the form (body, status, headers), (body, status), or (body, headers)."
    )
