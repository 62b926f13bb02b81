"""Calling an app's WSGI callable the way a server does, and recording what comes out.

The test client reads and closes the body for the caller and turns a
propagated exception into a raised one before anything is seen; the fault
specs need the server's view instead: every ``start_response`` call, each
chunk as it arrives, an exception raised by the call or by the iteration, the
iterable's ``close``, and the records the app's logger emitted meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.test import EnvironBuilder

#: The configurations in which an unhandled exception propagates out of the app.
PROPAGATING = {
    "testing": {"TESTING": True},
    "propagate_exceptions": {"TESTING": False, "PROPAGATE_EXCEPTIONS": True},
}
#: The configurations in which it becomes a 500 response instead.
NOT_PROPAGATING = {
    "production": {"TESTING": False},
    "testing_with_propagation_off": {"TESTING": True, "PROPAGATE_EXCEPTIONS": False},
}


class Fault(Exception):
    """The exception the specs' hooks, handlers and generators raise."""


@dataclass
class Outcome:
    """What a server saw while calling the app once."""

    statuses: list[str] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)
    raised: BaseException | None = None
    #: ``(level name, message, exception class or None)`` per log record.
    records: list[tuple[str, str, type | None]] = field(default_factory=list)


class _Recorder(logging.Handler):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(logging.DEBUG)
        self.outcome = outcome

    def emit(self, record: logging.LogRecord) -> None:
        exception = record.exc_info[0] if record.exc_info else None
        self.outcome.records.append((record.levelname, record.getMessage(), exception))


def serve_once(app: Any, path: str = "/", *, chunks_wanted: int | None = None) -> Outcome:
    """Call ``app.wsgi_app`` for ``GET path``, read the body, then close the iterable.

    With ``chunks_wanted`` the reading stops after that many chunks, as when
    a client disconnects mid-stream; the iterable is closed either way.
    """
    outcome = Outcome()
    recorder = _Recorder(outcome)
    app.logger.addHandler(recorder)

    def start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
        outcome.statuses.append(status)
        return outcome.chunks.append

    try:
        iterable = app.wsgi_app(EnvironBuilder(path=path).get_environ(), start_response)
        try:
            for chunk in iterable:
                outcome.chunks.append(chunk)
                if chunks_wanted is not None and len(outcome.chunks) >= chunks_wanted:
                    break
        finally:
            close = getattr(iterable, "close", None)
            if close is not None:
                close()
    except Exception as error:
        outcome.raised = error
    finally:
        app.logger.removeHandler(recorder)
    return outcome


def configure(app: Any, config: dict[str, Any]) -> Any:
    """Apply one of the configurations above to ``app`` and return it."""
    app.config.update(config)
    return app
