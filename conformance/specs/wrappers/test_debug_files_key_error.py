"""The exception classes of ``flask.debughelpers``, reached through the error a
debug-mode ``request.files`` lookup raises."""

import sys


def _caught_file_key_error(target, app, client):
    """Post a form without ``multipart/form-data`` in debug mode and return the
    error ``request.files["doc"]`` raised in the view."""
    app.debug = True
    caught = []

    @app.route("/up", methods=["POST"])
    def upload():
        try:
            target.request.files["doc"]
        except KeyError as error:
            caught.append(error)
        return "done"

    assert client.post("/up", data={"doc": "table.csv"}).status_code == 200
    assert len(caught) == 1
    return caught[0]


def test_debug_missing_file_key_raises_debug_files_key_error(target, app, client):
    """In debug mode, a missing ``request.files`` key that the non-multipart form sent as a text field raises ``flask.debughelpers.DebugFilesKeyError``, a ``KeyError`` and ``AssertionError`` subclass (Flask API: Request.files)."""
    error = _caught_file_key_error(target, app, client)
    cls = type(error)
    module_name = cls.__module__

    assert cls.__name__ == "DebugFilesKeyError"
    assert module_name.rpartition(".")[2] == "debughelpers"
    assert sys.modules[module_name].DebugFilesKeyError is cls
    assert issubclass(cls, KeyError)
    assert issubclass(cls, AssertionError)
    assert error.__cause__ is None


def test_debughelpers_unexpected_unicode_error_is_assertion_and_unicode_error(target, app, client):
    """``flask.debughelpers.UnexpectedUnicodeError`` derives from both ``AssertionError`` and ``UnicodeError``, so either ``except`` clause catches it (Flask API: API)."""
    helpers = sys.modules[type(_caught_file_key_error(target, app, client)).__module__]
    cls = helpers.UnexpectedUnicodeError

    assert cls.__name__ == "UnexpectedUnicodeError"
    assert issubclass(cls, AssertionError)
    assert issubclass(cls, UnicodeError)
    assert isinstance(cls("explained"), ValueError)
