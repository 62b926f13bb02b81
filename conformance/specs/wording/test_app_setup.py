"""Flask's sentences for mistakes made while setting up an application: paths, routes, late setup."""

import pytest


def test_relative_instance_path_message(target):
    """A relative ``instance_path`` raises ValueError with exactly Flask's two sentences (Flask API: Flask)."""
    with pytest.raises(ValueError) as raised:
        target.Flask("conformance_wording_instance", instance_path="instance")
    assert str(raised.value) == (
        "If an instance path is provided it must be absolute. A relative path was given instead."
    )


def test_methods_given_as_a_string_message(app):
    """``methods`` given as a string raises TypeError with exactly Flask's sentence and example (Flask API: Flask.add_url_rule)."""
    with pytest.raises(TypeError) as raised:
        app.add_url_rule("/", "index", lambda: "", methods="POST")
    assert str(raised.value) == (
        'Allowed methods must be a list of strings, for example: @app.route(..., methods=["POST"])'
    )


def test_endpoint_overwritten_by_another_view_message(app):
    """A second view function for an existing endpoint raises AssertionError with exactly Flask's sentence ending in the endpoint (Flask API: Flask.add_url_rule)."""
    app.add_url_rule("/a", "shared", lambda: "a")
    with pytest.raises(AssertionError) as raised:
        app.add_url_rule("/b", "shared", lambda: "b")
    assert str(raised.value) == (
        "View function mapping is overwriting an existing endpoint function: shared"
    )


def test_setup_after_the_first_request_message(app, client):
    """A setup method called after the first request raises AssertionError with exactly Flask's two sentences naming the method (Flask API: Flask.before_request)."""
    app.add_url_rule("/", "index", lambda: "")
    client.get("/")
    with pytest.raises(AssertionError) as raised:
        app.before_request(lambda: None)
    assert str(raised.value) == (
        "The setup method 'before_request' can no longer be called on the application. It has"
        " already handled its first request, any changes will not be applied consistently.\n"
        "Make sure all imports, decorators, functions, etc. needed to set up the application"
        " are done before running it."
    )
