"""The application logger and its default handler."""

from __future__ import annotations

import logging
import sys
import typing as t

from werkzeug.local import LocalProxy

from .globals import request

if t.TYPE_CHECKING:
    from .app import Flask as App

_LINE_FORMAT = "[%(asctime)s] %(levelname)s in %(module)s: %(message)s"


def _current_error_stream() -> t.TextIO:
    """The WSGI server's error stream during a request, else ``sys.stderr``."""
    stream = request.environ["wsgi.errors"] if request else sys.stderr
    return stream  # type: ignore[no-any-return]


#: A file-like proxy writing to the active request's ``wsgi.errors`` stream,
#: or to ``sys.stderr`` outside a request, so log lines end up wherever the
#: server collects errors.
wsgi_errors_stream: t.TextIO = LocalProxy(_current_error_stream)  # type: ignore[assignment]


def _propagation_chain(logger: logging.Logger) -> t.Iterator[logging.Logger]:
    """The logger, then each ancestor its records propagate to."""
    node: logging.Logger | None = logger
    while node is not None:
        yield node
        node = node.parent if node.propagate else None


def has_level_handler(logger: logging.Logger) -> bool:
    """Tell whether some handler on ``logger`` or on an ancestor it
    propagates to would emit records at the logger's effective level.

    Used to avoid adding :data:`default_handler` when the user already set up
    logging.
    """
    threshold = logger.getEffectiveLevel()
    return any(
        handler.level <= threshold
        for node in _propagation_chain(logger)
        for handler in node.handlers
    )


#: Handler added to an application's logger when nothing else would show its
#: messages. Remove it from ``app.logger`` to take over logging entirely.
default_handler = logging.StreamHandler(wsgi_errors_stream)
default_handler.setFormatter(logging.Formatter(_LINE_FORMAT))


def create_logger(app: App) -> logging.Logger:
    """Return the logger named after ``app.name``, prepared for the app.

    In debug mode a logger without an explicit level is set to ``DEBUG``; if
    no handler would show its records, :data:`default_handler` is added.
    """
    app_logger = logging.getLogger(app.name)
    # A level configured by the user wins over debug mode.
    level_unset = app_logger.level == logging.NOTSET
    if app.debug and level_unset:
        app_logger.setLevel(logging.DEBUG)
    if has_level_handler(app_logger):
        return app_logger
    app_logger.addHandler(default_handler)
    return app_logger
