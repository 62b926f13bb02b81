"""How unhandled exceptions in views are logged."""

import io
import logging

import pytest


def _failing_app(target, name):
    app = target.Flask(name)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/fail", methods=["GET", "POST"])
    def fail():
        raise LookupError("broken view")

    return app


def _records(caplog, name):
    return [record for record in caplog.records if record.name == name]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unhandled_exception_is_logged_with_path_and_method(target, logger_name, caplog, method):
    """An unhandled view exception is logged by ``app.logger`` at ``ERROR`` as ``Exception on <path> [<method>]`` (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)

    response = app.test_client().open("/fail", method=method)

    assert response.status_code == 500
    records = _records(caplog, logger_name)
    assert [record.getMessage() for record in records] == [f"Exception on /fail [{method}]"]
    assert records[0].levelno == logging.ERROR


def test_logged_exception_carries_exc_info(target, logger_name, caplog):
    """The exception log record carries the exception's ``exc_info`` so the traceback is printed (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)

    app.test_client().get("/fail")

    (record,) = _records(caplog, logger_name)
    assert record.exc_info[0] is LookupError
    assert str(record.exc_info[1]) == "broken view"


def test_logged_path_leaves_out_the_query_string(target, logger_name, caplog):
    """The exception message names the request path without its query string (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)

    app.test_client().get("/fail?page=2")

    assert [r.getMessage() for r in _records(caplog, logger_name)] == ["Exception on /fail [GET]"]


def test_unhandled_exception_reaches_wsgi_errors(target, isolated_name):
    """With the default handler, an unhandled exception's message and traceback are written to ``wsgi.errors`` (Flask docs: Logging)."""
    app = _failing_app(target, isolated_name)
    buffer = io.StringIO()

    app.test_client().get("/fail", errors_stream=buffer)

    output = buffer.getvalue()
    assert "ERROR in app: Exception on /fail [GET]" in output
    assert "Traceback (most recent call last)" in output
    assert "LookupError: broken view" in output


def test_http_exceptions_are_not_logged(target, logger_name, caplog):
    """An ``abort(500)`` in a view produces an error response without an exception log record (Flask API: Flask.log_exception)."""
    app = target.Flask(logger_name)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/abort")
    def aborted():
        target.abort(500)

    assert app.test_client().get("/abort").status_code == 500
    assert _records(caplog, logger_name) == []


def test_handled_exceptions_are_not_logged(target, logger_name, caplog):
    """An exception turned into a response by an error handler is not logged (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)

    @app.errorhandler(LookupError)
    def handle(error):
        return "handled", 418

    assert app.test_client().get("/fail").status_code == 418
    assert _records(caplog, logger_name) == []


def test_propagated_exceptions_are_not_logged(target, logger_name, caplog):
    """In testing mode an unhandled exception propagates to the caller and is not logged (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=None)

    with pytest.raises(LookupError):
        app.test_client().get("/fail")

    assert _records(caplog, logger_name) == []


def test_500_handler_still_logs_the_original_exception(target, logger_name, caplog):
    """An unhandled exception is logged even when a 500 error handler builds the response (Flask API: Flask.log_exception)."""
    app = _failing_app(target, logger_name)

    @app.errorhandler(500)
    def server_error(error):
        return "custom 500", 500

    response = app.test_client().get("/fail")

    assert response.data == b"custom 500"
    assert [r.getMessage() for r in _records(caplog, logger_name)] == ["Exception on /fail [GET]"]


def test_log_exception_can_be_overridden(target, logger_name, caplog):
    """A Flask subclass overriding ``log_exception`` receives the exception's ``exc_info`` instead of the default logging (Flask API: Flask.log_exception)."""
    seen = []

    class App(target.Flask):
        def log_exception(self, exc_info):
            seen.append(exc_info[0])

    app = App(logger_name)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/fail")
    def fail():
        raise LookupError("broken view")

    assert app.test_client().get("/fail").status_code == 500
    assert seen == [LookupError]
    assert _records(caplog, logger_name) == []
