"""Flask's sentence when a method view lacks the method a request uses."""

import pytest


def test_method_view_without_the_requested_method_message(app, client, target):
    """A ``MethodView`` routed for POST but defining only ``get`` fails an assertion with exactly Flask's text naming the method (Flask API: MethodView)."""

    class ReadOnly(target.views.MethodView):
        methods = ["GET", "POST"]

        def get(self):
            return "read"

    app.add_url_rule("/item", view_func=ReadOnly.as_view("item"))
    with pytest.raises(AssertionError) as raised:
        client.post("/item")
    assert str(raised.value) == "Unimplemented method 'POST'"
