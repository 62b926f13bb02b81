"""Serving static files from a blueprint that has no static folder."""

import pytest


def test_send_static_file_without_static_folder_raises_runtime_error(target, app):
    """``Blueprint.send_static_file`` on a blueprint without ``static_folder`` raises ``RuntimeError`` whose message names ``'static_folder'`` (Flask API: Blueprint.send_static_file)."""
    blueprint = target.Blueprint("plain", __name__)

    with app.test_request_context(), pytest.raises(RuntimeError) as caught:
        blueprint.send_static_file("style.css")

    assert "'static_folder'" in str(caught.value)
