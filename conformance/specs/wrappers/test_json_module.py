"""The JSON module Flask's request and response classes use."""

import pytest


@pytest.mark.parametrize("wrapper", ["Request", "Response"])
def test_wrappers_use_flask_json_as_their_json_module(target, wrapper):
    """``Request.json_module`` and ``Response.json_module`` are Flask's ``flask.json`` module, so JSON goes through the app's provider (Flask API: Request.json_module)."""
    assert getattr(target, wrapper).json_module is target.json
