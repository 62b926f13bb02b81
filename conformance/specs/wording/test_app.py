"""Flask's sentences from the application object: setup mistakes, bad view returns, URL building, logged failures."""

import logging
import sys

import pytest

from conformance.paths import APPS_DIR

BASIC_ROOT = str(APPS_DIR / "basic")


def test_static_host_without_host_matching_message(target):
    """Giving ``static_host`` without ``host_matching`` fails an assertion whose message is exactly Flask's (Flask API: Flask)."""
    with pytest.raises(AssertionError) as raised:
        target.Flask("conformance_wording_host", static_host="static.example")
    assert str(raised.value) == "Invalid static_host/host_matching combination"


def test_send_static_file_without_static_folder_message(target):
    """``send_static_file`` on an app without a static folder raises RuntimeError with exactly Flask's sentence (Flask API: Flask.send_static_file)."""
    app = target.Flask("conformance_wording_static", static_folder=None)
    with app.test_request_context(), pytest.raises(RuntimeError) as raised:
        app.send_static_file("style.css")
    assert str(raised.value) == "'static_folder' must be set to serve static_files."


def test_open_resource_for_writing_message(target):
    """``open_resource`` in a writing mode raises ValueError with exactly Flask's sentence (Flask API: Flask.open_resource)."""
    app = target.Flask("conformance_wording_resource", root_path=BASIC_ROOT)
    with pytest.raises(ValueError) as raised:
        app.open_resource("templates/anything.txt", "w")
    assert str(raised.value) == "Resources can only be opened for reading."


def test_run_under_the_flask_command_message(target, monkeypatch, capsys):
    """``app.run()`` called while the ``flask`` command runs prints exactly Flask's two-line notice and returns (Flask API: Flask.run)."""
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)
    app = target.Flask("conformance_wording_run")

    assert app.run() is None

    assert capsys.readouterr().out == (
        " * Ignoring a call to 'app.run()' that would block the current 'flask' CLI command.\n"
        "   Only call 'app.run()' in an 'if __name__ == \"__main__\"' guard.\n"
    )


def test_async_view_without_asgiref_message(target, monkeypatch):
    """Without ``asgiref`` installed, making a coroutine function synchronous raises RuntimeError with exactly Flask's sentence about the ``async`` extra (Flask API: Flask.async_to_sync)."""
    monkeypatch.setitem(sys.modules, "asgiref.sync", None)
    app = target.Flask("conformance_wording_async")

    async def view():
        return "never"

    with pytest.raises(RuntimeError) as raised:
        app.async_to_sync(view)
    assert str(raised.value) == "Install Flask with the 'async' extra in order to use async views."


def test_url_for_without_server_name_message(target):
    """``app.url_for`` outside any context without ``SERVER_NAME`` raises RuntimeError with exactly Flask's sentence naming the three settings (Flask API: Flask.url_for)."""
    app = target.Flask("conformance_wording_url")
    app.add_url_rule("/", "index", lambda: "")
    with pytest.raises(RuntimeError) as raised:
        app.url_for("index")
    assert str(raised.value) == (
        "Unable to build URLs outside an active request without 'SERVER_NAME' configured."
        " Also configure 'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed."
    )


def test_url_for_scheme_without_external_message(target):
    """``url_for`` given ``_scheme`` with ``_external=False`` raises ValueError with exactly Flask's sentence (Flask API: url_for)."""
    app = target.Flask("conformance_wording_scheme")
    app.add_url_rule("/", "index", lambda: "")
    with app.test_request_context(), pytest.raises(ValueError) as raised:
        target.url_for("index", _scheme="https", _external=False)
    assert str(raised.value) == "When specifying '_scheme', '_external' must be True."


def _raising_view_app(target, name, view):
    app = target.Flask(name)
    app.config["TESTING"] = True
    app.add_url_rule("/", "index", view)
    return app


def test_view_returning_a_long_tuple_message(target):
    """A view returning a four-item tuple raises TypeError with exactly Flask's sentence listing the tuple forms (Flask API: Flask.make_response)."""
    app = _raising_view_app(target, "conformance_wording_tuple", lambda: ("a", 200, {}, "x"))
    with pytest.raises(TypeError) as raised:
        app.test_client().get("/")
    assert str(raised.value) == (
        "The view function did not return a valid response tuple. The tuple must have the form"
        " (body, status, headers), (body, status), or (body, headers)."
    )


def test_view_returning_none_message(target):
    """A view returning ``None`` raises TypeError with exactly Flask's sentence naming the endpoint (Flask API: Flask.make_response)."""

    def silent():
        pass

    app = _raising_view_app(target, "conformance_wording_none", silent)
    with pytest.raises(TypeError) as raised:
        app.test_client().get("/")
    assert str(raised.value) == (
        "The view function for 'index' did not return a valid response. The function either"
        " returned None or ended without a return statement."
    )


def test_view_returning_an_unusable_type_message(target):
    """A view returning an int raises TypeError with exactly Flask's sentence listing the accepted return types and naming ``int`` (Flask API: Flask.make_response)."""
    app = _raising_view_app(target, "conformance_wording_int", lambda: 42)
    with pytest.raises(TypeError) as raised:
        app.test_client().get("/")
    assert str(raised.value) == (
        "The view function did not return a valid response. The return type must be a string,"
        " dict, list, tuple with headers or status, Response instance, or WSGI callable, but it"
        " was a int."
    )


def test_view_returning_a_failing_callable_message(target):
    """A view returning a callable that raises TypeError as a WSGI app raises TypeError with that error's text, a newline, then exactly Flask's sentence naming the callable's type (Flask API: Flask.make_response)."""

    class NotWsgi:
        def __call__(self, environ, start_response):
            raise TypeError("not a WSGI application")

    app = _raising_view_app(target, "conformance_wording_callable", lambda: NotWsgi())
    with pytest.raises(TypeError) as raised:
        app.test_client().get("/")
    assert str(raised.value) == (
        "not a WSGI application\nThe view function did not return a valid response. The return"
        " type must be a string, dict, list, tuple with headers or status, Response instance, or"
        " WSGI callable, but it was a NotWsgi."
    )


def test_unhandled_exception_log_message(target, caplog):
    """An unhandled exception is logged on ``app.logger`` at ERROR with exactly the message ``Exception on <path> [<method>]`` (Flask API: Flask.log_exception)."""
    app = target.Flask("conformance_wording_exception_log")

    @app.post("/orders/new")
    def broken():
        raise LookupError("gone")

    caplog.set_level(logging.ERROR, logger=app.logger.name)
    assert app.test_client().post("/orders/new").status_code == 500

    records = [r for r in caplog.records if r.name == app.logger.name]
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("ERROR", "Exception on /orders/new [POST]")
    ]


def test_failed_finalizing_after_an_error_log_message(target, caplog):
    """An ``after_request`` function failing while the 500 response is finalized is logged with exactly Flask's sentence after the exception line (Flask API: Flask.finalize_request)."""
    app = target.Flask("conformance_wording_finalize_log")
    app.add_url_rule("/", "index", lambda: 1 / 0)

    @app.after_request
    def fail(response):
        raise KeyError("after")

    caplog.set_level(logging.ERROR, logger=app.logger.name)
    assert app.test_client().get("/").status_code == 500

    messages = [r.getMessage() for r in caplog.records if r.name == app.logger.name]
    assert messages == [
        "Exception on / [GET]",
        "Request finalizing failed with an error while handling an error",
    ]
