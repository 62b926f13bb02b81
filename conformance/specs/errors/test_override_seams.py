"""``Flask`` methods that subclasses override to change error handling, and propagation."""

import logging

import pytest
from werkzeug.exceptions import HTTPException


class Broken(Exception):
    pass


def _views(app, target):
    @app.route("/broken")
    def broken():
        raise Broken("it broke")

    @app.route("/missing")
    def missing():
        target.abort(404)

    return app


def test_handle_user_exception_override_sees_view_errors(target):
    """A ``Flask`` subclass overriding ``handle_user_exception`` receives both plain and HTTP exceptions raised by views and its return value is the response (Flask API: Flask.handle_user_exception)."""
    seen = []

    class App(target.Flask):
        def handle_user_exception(self, e):
            seen.append(type(e).__name__)
            return f"user:{type(e).__name__}", 299

    app = _views(App("conformance_seam_user"), target)
    app.testing = True
    client = app.test_client()

    assert client.get("/broken").data == b"user:Broken"
    response = client.get("/missing")
    assert (response.status_code, response.data) == (299, b"user:NotFound")
    assert seen == ["Broken", "NotFound"]


def test_handle_http_exception_override_sees_only_http_errors(target):
    """A subclass overriding ``handle_http_exception`` receives aborted HTTP errors and unmatched URLs, but not plain exceptions (Flask API: Flask.handle_http_exception)."""
    seen = []

    class App(target.Flask):
        def handle_http_exception(self, e):
            seen.append(e.code)
            return f"http:{e.code}", e.code

    app = _views(App("conformance_seam_http"), target)
    app.testing = True
    client = app.test_client()

    assert client.get("/missing").data == b"http:404"
    assert client.get("/nowhere").data == b"http:404"
    with pytest.raises(Broken):
        client.get("/broken")
    assert seen == [404, 404]


def test_handle_exception_override_replaces_the_500(target):
    """A subclass overriding ``handle_exception`` receives unhandled exceptions and returns the final response, even in testing (Flask API: Flask.handle_exception)."""
    seen = []

    class App(target.Flask):
        def handle_exception(self, e):
            seen.append(e)
            return self.response_class(f"fallback for {e}", status=503)

    app = _views(App("conformance_seam_exception"), target)
    app.testing = True

    response = app.test_client().get("/broken")

    assert (response.status_code, response.data) == (503, b"fallback for it broke")
    assert [type(e) for e in seen] == [Broken]
    assert app.test_client().get("/missing").status_code == 404
    assert len(seen) == 1


def test_trap_http_exception_override_decides_trapping(target):
    """A subclass whose ``trap_http_exception`` returns True for 404 makes an aborted 404 propagate in testing (Flask API: Flask.trap_http_exception)."""

    class App(target.Flask):
        def trap_http_exception(self, e):
            return isinstance(e, HTTPException) and e.code == 404

    app = _views(App("conformance_seam_trap"), target)
    app.testing = True

    with pytest.raises(HTTPException) as info:
        app.test_client().get("/missing")
    assert info.value.code == 404


def test_log_exception_override_receives_exc_info(target):
    """Outside testing ``log_exception`` is called once with the ``exc_info`` tuple of an unhandled exception, inside the request (Flask API: Flask.log_exception)."""
    logged = []

    class App(target.Flask):
        def log_exception(self, exc_info):
            logged.append((exc_info[0], str(exc_info[1]), target.request.path))

    app = _views(App("conformance_seam_log"), target)
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    assert app.test_client().get("/broken").status_code == 500
    assert app.test_client().get("/missing").status_code == 404
    assert logged == [(Broken, "it broke", "/broken")]


def test_log_exception_not_called_when_propagating(target):
    """When the exception propagates, as in testing mode, ``log_exception`` is not called (Flask API: Flask.log_exception)."""
    logged = []

    class App(target.Flask):
        def log_exception(self, exc_info):
            logged.append(exc_info)

    app = _views(App("conformance_seam_nolog"), target)
    app.testing = True

    with pytest.raises(Broken):
        app.test_client().get("/broken")
    assert logged == []


def test_log_exception_logs_on_the_app_logger(target, caplog):
    """By default an unhandled exception is logged at ERROR on ``app.logger`` as ``Exception on <path> [<method>]`` with its traceback (Flask API: Flask.log_exception)."""
    app = _views(target.make_app("conformance_errors_logging"), target)
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        app.test_client().get("/broken")

    records = [r for r in caplog.records if r.name == app.logger.name]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.ERROR, "Exception on /broken [GET]")
    ]
    assert records[0].exc_info[0] is Broken


def test_propagate_exceptions_true_without_testing(target):
    """``PROPAGATE_EXCEPTIONS=True`` makes an unhandled exception reach the test client even with ``TESTING`` and debug off (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = _views(target.make_app("conformance_errors_propagate"), target)
    app.config.update(TESTING=False, DEBUG=False, PROPAGATE_EXCEPTIONS=True)

    with pytest.raises(Broken):
        app.test_client().get("/broken")


def test_debug_mode_propagates_when_unset(target):
    """With ``PROPAGATE_EXCEPTIONS`` unset, debug mode alone makes unhandled exceptions propagate (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = _views(target.make_app("conformance_errors_debug"), target)
    app.config.update(TESTING=False, DEBUG=True, PROPAGATE_EXCEPTIONS=None)

    with pytest.raises(Broken):
        app.test_client().get("/broken")


def test_propagate_exceptions_false_keeps_testing_from_propagating(target):
    """``PROPAGATE_EXCEPTIONS=False`` turns an unhandled exception into a 500 even in testing mode (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = _views(target.make_app("conformance_errors_no_propagate"), target)
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=False)
    app.logger.disabled = True

    assert app.test_client().get("/broken").status_code == 500


def test_handle_exception_called_directly_reraises_in_testing(target, app):
    """Called outside an ``except`` block in testing mode, ``handle_exception`` raises the exception it was given (Flask API: Flask.handle_exception)."""
    error = Broken("passed in")

    with app.test_request_context("/"):
        with pytest.raises(Broken) as info:
            app.handle_exception(error)

    assert info.value is error


class Abandon(BaseException):
    pass


def test_base_exception_bypasses_error_handling(target):
    """A view raising a ``BaseException`` that is not an ``Exception`` skips error handlers and the 500 page, and teardown functions receive it (Flask API: Flask.wsgi_app)."""
    app = target.make_app("conformance_errors_base_exception")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    app.logger.disabled = True
    torn_down = []

    @app.route("/leave")
    def leave():
        raise Abandon()

    app.register_error_handler(500, lambda e: ("500 handler", 500))
    app.teardown_request(lambda error: torn_down.append(type(error)))

    with pytest.raises(Abandon):
        app.test_client().get("/leave")
    assert torn_down == [Abandon]


def test_should_ignore_error_override_hides_it_from_teardown(target):
    """A subclass whose ``should_ignore_error`` returns True makes teardown functions receive None for an unhandled error (Flask API: Flask.should_ignore_error)."""

    class App(target.Flask):
        def should_ignore_error(self, error):
            return isinstance(error, Broken)

    app = _views(App("conformance_seam_ignore"), target)
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    app.logger.disabled = True
    torn_down = []
    app.teardown_request(lambda error: torn_down.append(error))

    assert app.test_client().get("/broken").status_code == 500
    assert torn_down == [None]


def test_should_ignore_error_returns_false_by_default(target, app):
    """By default ``should_ignore_error`` returns ``False`` for any error, so teardown functions receive every error (Flask API: Flask.should_ignore_error)."""
    assert app.should_ignore_error(ValueError("any")) is False
    assert app.should_ignore_error(None) is False
