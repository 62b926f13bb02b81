"""The line format of Flask's default log handler."""

import logging


def test_default_handler_line_format(target):
    """``default_handler`` formats a record as ``[time] LEVEL in module: message``, the time in the logging module's default format (Flask API: flask.logging.default_handler)."""
    record = logging.LogRecord(
        "conformance_wording", logging.WARNING, "/srv/shop/views.py", 12, "stock low", None, None
    )

    line = target.logging.default_handler.format(record)

    assert line == f"[{logging.Formatter().formatTime(record)}] WARNING in views: stock low"
