"""``wsgi_errors_stream``: where the default handler writes."""

import io
import sys


def test_errors_stream_is_stderr_outside_requests(target):
    """Outside a request ``wsgi_errors_stream`` stands for ``sys.stderr`` (Flask API: flask.logging.wsgi_errors_stream)."""
    assert target.logging.wsgi_errors_stream._get_current_object() is sys.stderr


def test_errors_stream_is_the_request_environ_stream(target):
    """Inside a request ``wsgi_errors_stream`` stands for the environ's ``wsgi.errors`` stream (Flask API: flask.logging.wsgi_errors_stream)."""
    app = target.Flask("conformance_logging_stream")
    buffer = io.StringIO()

    with app.test_request_context(errors_stream=buffer):
        assert target.logging.wsgi_errors_stream._get_current_object() is buffer
        assert target.request.environ["wsgi.errors"] is buffer


def test_logging_in_a_view_writes_to_wsgi_errors(target, isolated_name):
    """A message logged by a view reaches the request's ``wsgi.errors`` stream through the default handler (Flask docs: Logging)."""
    app = target.Flask(isolated_name)

    @app.get("/")
    def index():
        app.logger.error("inside the view")
        return "ok"

    buffer = io.StringIO()
    response = app.test_client().get("/", errors_stream=buffer)

    assert response.data == b"ok"
    assert buffer.getvalue().endswith("ERROR in test_error_stream: inside the view\n")


def test_logging_outside_requests_writes_to_stderr(target, isolated_name, capsys):
    """A message logged outside any request reaches ``sys.stderr`` through the default handler (Flask docs: Logging)."""
    app = target.Flask(isolated_name)

    app.logger.warning("outside a request")

    captured = capsys.readouterr()
    assert "WARNING in test_error_stream: outside a request" in captured.err
    assert "outside a request" not in captured.out


def test_debug_messages_reach_the_stream_in_debug_mode(target, isolated_name, capsys):
    """In debug mode ``app.logger.debug`` messages are written by the default handler (Flask docs: Logging)."""
    app = target.Flask(isolated_name)
    app.debug = True

    app.logger.debug("detail")

    assert "DEBUG in test_error_stream: detail" in capsys.readouterr().err
