"""``default_handler`` and when it is added to ``app.logger``."""

import logging

import pytest


def test_default_handler_is_added_without_other_handlers(target, isolated_name):
    """``default_handler`` is added to ``app.logger`` when no handler would handle its records (Flask docs: Logging)."""
    app = target.Flask(isolated_name)

    assert app.logger.handlers == [target.logging.default_handler]


def test_default_handler_is_not_added_next_to_a_handler(target, isolated_name):
    """A handler already on the app's logger at its effective level keeps ``default_handler`` away (Flask docs: Logging)."""
    handler = logging.NullHandler()
    logging.getLogger(isolated_name).addHandler(handler)
    app = target.Flask(isolated_name)

    assert app.logger.handlers == [handler]


def test_default_handler_is_added_next_to_a_higher_level_handler(target, isolated_name):
    """A handler whose level is above the logger's effective level does not count, so ``default_handler`` is still added (Flask API: flask.logging.has_level_handler)."""
    handler = logging.NullHandler(logging.CRITICAL)
    logger = logging.getLogger(isolated_name)
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    app = target.Flask(isolated_name)

    assert app.logger.handlers == [handler, target.logging.default_handler]


def test_ancestor_handler_keeps_the_default_handler_away(target, isolated_name):
    """A handler on an ancestor logger that records propagate to keeps ``default_handler`` off the app's logger (Flask docs: Logging)."""
    logging.getLogger(isolated_name).addHandler(logging.NullHandler())
    app = target.Flask(f"{isolated_name}.app")

    assert app.logger.handlers == []


def test_non_propagating_logger_ignores_ancestor_handlers(target, isolated_name):
    """An app logger that does not propagate gets ``default_handler`` even when an ancestor has a handler (Flask API: flask.logging.has_level_handler)."""
    logging.getLogger(isolated_name).addHandler(logging.NullHandler())
    logging.getLogger(f"{isolated_name}.app").propagate = False
    app = target.Flask(f"{isolated_name}.app")

    assert app.logger.handlers == [target.logging.default_handler]


@pytest.mark.parametrize(
    ("logger_level", "handler_level", "expected"),
    [
        (logging.INFO, logging.INFO, True),
        (logging.INFO, logging.NOTSET, True),
        (logging.INFO, logging.WARNING, False),
        (logging.ERROR, logging.WARNING, True),
    ],
    ids=["same-level", "handler-unset", "handler-above", "handler-below"],
)
def test_has_level_handler_compares_levels(
    target, isolated_name, logger_level, handler_level, expected
):
    """``has_level_handler`` is true only when a handler's level is at or below the logger's effective level (Flask API: flask.logging.has_level_handler)."""
    logger = logging.getLogger(isolated_name)
    logger.setLevel(logger_level)
    logger.addHandler(logging.NullHandler(handler_level))

    assert target.logging.has_level_handler(logger) is expected


def test_has_level_handler_without_handlers_is_false(target, isolated_name):
    """``has_level_handler`` is false for a non-propagating logger with no handlers (Flask API: flask.logging.has_level_handler)."""
    assert target.logging.has_level_handler(logging.getLogger(isolated_name)) is False


def test_default_handler_streams_to_wsgi_errors_stream(target):
    """``default_handler`` is a ``StreamHandler`` writing to ``wsgi_errors_stream`` (Flask API: flask.logging.default_handler)."""
    handler = target.logging.default_handler

    assert isinstance(handler, logging.StreamHandler)
    assert handler.stream is target.logging.wsgi_errors_stream


def test_default_handler_format(target):
    """``default_handler`` formats records as ``[time] LEVEL in module: message`` (Flask docs: Logging)."""
    record = logging.LogRecord(
        "app", logging.WARNING, "/x/views.py", 1, "careful %s", ("now",), None
    )

    line = target.logging.default_handler.format(record)

    assert line.startswith("[")
    assert line.endswith("] WARNING in views: careful now")


def test_removing_the_default_handler_silences_the_stream(target, isolated_name, capsys):
    """After ``app.logger.removeHandler(default_handler)`` the app's messages no longer reach the error stream (Flask docs: Logging)."""
    app = target.Flask(isolated_name)
    app.logger.error("before removal")

    app.logger.removeHandler(target.logging.default_handler)
    app.logger.error("after removal")

    errors = capsys.readouterr().err
    assert "ERROR in test_default_handler: before removal" in errors
    assert "ERROR in test_default_handler: after removal" not in errors
    assert app.logger.handlers == []


def test_has_level_handler_stops_at_the_top_of_the_hierarchy(target):
    """``has_level_handler`` is false for a propagating logger whose chain of parents ends without any handler (Flask API: flask.logging.has_level_handler)."""
    detached = logging.Logger("conformance_logging_detached")

    assert detached.parent is None
    assert target.logging.has_level_handler(detached) is False
