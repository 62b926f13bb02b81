"""Exceptions raised by request hooks, teardown functions and error handlers."""

import pytest
from werkzeug.exceptions import Forbidden, InternalServerError


class HookFailure(Exception):
    pass


def _app(target, testing):
    app = target.make_app("conformance_errors_hooks")
    app.config.update(TESTING=testing, PROPAGATE_EXCEPTIONS=None)
    app.logger.disabled = True

    @app.route("/")
    def index():
        return "view ran"

    return app


def test_abort_in_before_request_gives_the_error_page(target):
    """An ``abort(403)`` in a ``before_request`` function gives the 403 page without running the view (Flask API: Flask.before_request)."""
    app = _app(target, testing=True)
    ran = []

    @app.before_request
    def guard():
        ran.append("before")
        target.abort(403)

    app.view_functions["index"] = lambda: ran.append("view") or "view ran"

    response = app.test_client().get("/")

    assert response.status_code == 403
    assert ran == ["before"]


def test_exception_in_before_request_without_handler_is_a_500(target):
    """Outside testing an unhandled exception in a ``before_request`` function gives a 500 response (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=False)

    @app.before_request
    def broken():
        raise HookFailure()

    response = app.test_client().get("/")

    assert response.status_code == 500
    assert b"view ran" not in response.data


def test_exception_in_after_request_skips_error_handlers(target):
    """An exception raised by an ``after_request`` function is not given to the handler for its class; outside testing it becomes a 500 (Flask API: Flask.after_request)."""
    app = _app(target, testing=False)
    handled = []

    @app.after_request
    def broken(response):
        raise HookFailure()

    @app.errorhandler(HookFailure)
    def handle(error):
        handled.append(error)
        return "handled", 200

    response = app.test_client().get("/")

    assert response.status_code == 500
    assert handled == []


def test_exception_in_after_request_reaches_the_500_handler(target):
    """Outside testing the 500 handler receives an ``InternalServerError`` whose ``original_exception`` is the one an ``after_request`` function raised (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=False)
    failure = HookFailure("after")

    @app.after_request
    def broken(response):
        raise failure

    @app.errorhandler(500)
    def handle(error):
        assert error.original_exception is failure
        return "500 from handler", 500

    response = app.test_client().get("/")

    assert response.data == b"500 from handler"


def test_exception_in_after_request_propagates_in_testing(target):
    """In testing mode an exception raised by an ``after_request`` function reaches the test client (Flask API: Flask.after_request)."""
    app = _app(target, testing=True)

    @app.after_request
    def broken(response):
        raise HookFailure()

    with pytest.raises(HookFailure):
        app.test_client().get("/")


@pytest.mark.parametrize("testing", [True, False], ids=["testing", "production"])
def test_exception_in_teardown_request_propagates(target, testing):
    """An exception raised by a ``teardown_request`` function propagates out of the request, even outside testing (Flask API: Flask.teardown_request)."""
    app = _app(target, testing=testing)

    @app.teardown_request
    def broken(error):
        raise HookFailure()

    with pytest.raises(HookFailure):
        app.test_client().get("/")


def test_error_handler_raising_propagates_in_testing(target):
    """In testing mode an exception raised inside an error handler propagates to the test client (Flask docs: Handling Application Errors)."""
    app = _app(target, testing=True)

    @app.route("/missing")
    def missing():
        target.abort(404)

    @app.errorhandler(404)
    def handle(error):
        raise HookFailure("in handler")

    with pytest.raises(HookFailure):
        app.test_client().get("/missing")


def test_error_handler_raising_becomes_a_500(target):
    """Outside testing an exception raised inside an error handler gives a 500 whose handler sees it as ``original_exception`` (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=False)

    @app.route("/missing")
    def missing():
        target.abort(404)

    @app.errorhandler(404)
    def handle(error):
        raise HookFailure("in handler")

    @app.errorhandler(InternalServerError)
    def handle_500(error):
        return f"500: {type(error.original_exception).__name__}", 500

    response = app.test_client().get("/missing")

    assert response.status_code == 500
    assert response.data == b"500: HookFailure"


def test_http_error_raised_by_an_error_handler_is_not_handled_again(target):
    """An ``abort(403)`` inside an error handler does not reach the 403 handler; it is treated as unhandled and becomes a 500 outside testing (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=False)

    @app.route("/value")
    def value():
        raise ValueError()

    @app.errorhandler(ValueError)
    def handle_value(error):
        target.abort(403)

    @app.errorhandler(403)
    def handle_403(error):
        return "403 handler", 403

    response = app.test_client().get("/value")

    assert response.status_code == 500


def test_http_error_raised_by_an_error_handler_propagates_in_testing(target):
    """In testing mode an HTTP exception raised inside an error handler propagates to the test client (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=True)

    @app.route("/value")
    def value():
        raise ValueError()

    @app.errorhandler(ValueError)
    def handle_value(error):
        target.abort(403)

    with pytest.raises(Forbidden):
        app.test_client().get("/value")


def test_500_handler_raising_propagates(target):
    """An exception raised by the 500 handler itself propagates out of the request, even outside testing (Flask API: Flask.handle_exception)."""
    app = _app(target, testing=False)

    @app.route("/value")
    def value():
        raise ValueError()

    @app.errorhandler(500)
    def handle_500(error):
        raise HookFailure("500 handler broke")

    with pytest.raises(HookFailure):
        app.test_client().get("/value")
