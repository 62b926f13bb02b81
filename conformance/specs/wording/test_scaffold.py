"""Flask's sentences for mistakes shared by apps and blueprints: routes and error handlers."""

import pytest


def test_method_shortcut_given_methods_message(app):
    """Passing ``methods`` to a method shortcut such as ``get`` raises TypeError with exactly Flask's sentence (Flask API: Flask.get)."""
    with pytest.raises(TypeError) as raised:
        app.get("/", methods=["POST"])
    assert str(raised.value) == "Use the 'route' decorator to use the 'methods' argument."


def test_rule_without_view_or_endpoint_message(app):
    """``add_url_rule`` with neither an endpoint nor a view function fails an assertion with exactly Flask's sentence (Flask API: Flask.add_url_rule)."""
    with pytest.raises(AssertionError) as raised:
        app.add_url_rule("/")
    assert str(raised.value) == "expected view func if endpoint is not provided."


def test_error_handler_for_an_unknown_code_message(app):
    """An error handler for a code that is not an HTTP error raises ValueError with exactly Flask's sentences naming the code (Flask API: Flask.errorhandler)."""
    with pytest.raises(ValueError) as raised:
        app.register_error_handler(999, lambda e: "")
    assert str(raised.value) == (
        "'999' is not a recognized HTTP error code. Use a subclass of HTTPException with that"
        " code instead."
    )


def test_error_handler_for_an_exception_instance_message(app):
    """An error handler registered for an exception instance raises TypeError with the instance's repr and exactly Flask's sentences (Flask API: Flask.errorhandler)."""
    instance = KeyError("k")
    with pytest.raises(TypeError) as raised:
        app.register_error_handler(instance, lambda e: "")
    assert str(raised.value) == (
        f"{instance!r} is an instance, not a class. Handlers can only be registered for"
        " Exception classes or HTTP error codes."
    )


def test_error_handler_for_a_non_exception_class_message(app):
    """An error handler registered for a class that is not an Exception raises ValueError with exactly Flask's sentences naming the class (Flask API: Flask.errorhandler)."""

    class Oddity:
        pass

    with pytest.raises(ValueError) as raised:
        app.register_error_handler(Oddity, lambda e: "")
    assert str(raised.value) == (
        "'Oddity' is not a subclass of Exception. Handlers can only be registered for Exception"
        " classes or HTTP error codes."
    )
