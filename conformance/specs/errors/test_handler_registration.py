"""What ``errorhandler`` and ``register_error_handler`` accept."""

import pytest
from werkzeug.exceptions import NotFound


class NotAnError:
    pass


@pytest.mark.parametrize("code", [200, 302, 402, 999])
def test_errorhandler_decorator_rejects_codes_without_an_exception(app, code):
    """The ``errorhandler`` decorator raises ``ValueError`` for a status code that has no HTTP exception class, such as a success, a redirect, 402 or 999 (Flask API: Flask.errorhandler)."""
    with pytest.raises(ValueError, match=str(code)):

        @app.errorhandler(code)
        def handle(error):
            return "never"


def test_errorhandler_decorator_rejects_an_instance(app):
    """The ``errorhandler`` decorator raises ``TypeError`` when given an exception instance (Flask API: Flask.errorhandler)."""
    with pytest.raises(TypeError):

        @app.errorhandler(NotFound())
        def handle(error):
            return "never"


@pytest.mark.parametrize("cls", [NotAnError, int], ids=["plain-class", "int"])
def test_errorhandler_decorator_rejects_non_exception_classes(app, cls):
    """The ``errorhandler`` decorator raises ``ValueError`` for a class that does not derive from ``Exception`` (Flask API: Flask.errorhandler)."""
    with pytest.raises(ValueError):

        @app.errorhandler(cls)
        def handle(error):
            return "never"


def test_errorhandler_decorator_returns_the_function(app):
    """The ``errorhandler`` decorator returns the decorated function unchanged (Flask API: Flask.errorhandler)."""

    def handle(error):
        return "h"

    assert app.errorhandler(404)(handle) is handle


def test_code_and_class_registrations_share_one_slot(app, client):
    """Registering for the code 404 and then for ``NotFound`` targets the same handler slot, so the later registration wins (Flask API: Flask.register_error_handler)."""
    app.register_error_handler(404, lambda e: ("by code", 404))
    app.register_error_handler(NotFound, lambda e: ("by class", 404))

    assert client.get("/missing").data == b"by class"


def test_registration_is_recorded_in_error_handler_spec(app):
    """A handler registered for a code is stored in ``error_handler_spec[None][code][exception class]`` (Flask API: Flask.error_handler_spec)."""

    def handle(error):
        return "h"

    def handle_value(error):
        return "v"

    app.register_error_handler(404, handle)
    app.register_error_handler(ValueError, handle_value)

    assert app.error_handler_spec[None][404][NotFound] is handle
    assert app.error_handler_spec[None][None][ValueError] is handle_value


def test_handler_cannot_be_registered_after_the_first_request(app, client):
    """Registering an error handler after the application has handled a request raises ``AssertionError`` (Flask API: Flask.register_error_handler)."""
    client.get("/")

    with pytest.raises(AssertionError):
        app.register_error_handler(404, lambda e: ("late", 404))
