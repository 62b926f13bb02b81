"""Fixtures for the logging specs: application loggers that leave nothing behind."""

from __future__ import annotations

import itertools
import logging

import pytest

_counter = itertools.count()


@pytest.fixture
def logger_name():
    """A logger name no other spec uses; its logger is reset and forgotten afterwards."""
    name = f"conformance_logging_{next(_counter)}"
    yield name
    _forget(name)


@pytest.fixture
def isolated_name(logger_name):
    """Like ``logger_name``, for a logger that does not propagate to its ancestors.

    pytest puts capture handlers on the root logger, which would otherwise
    count as a handler for every application logger.
    """
    logging.getLogger(logger_name).propagate = False
    return logger_name


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    # Some pytest versions also attach their capture handler to every
    # non-propagating logger when a test phase starts; an isolated logger
    # must start the spec's body with no handler at all.
    name = getattr(item, "funcargs", {}).get("isolated_name")
    if name is not None:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)


def _forget(name: str) -> None:
    manager = logging.Logger.manager
    for key in [key for key in manager.loggerDict if key == name or key.startswith(name + ".")]:
        logger = manager.loggerDict.pop(key)
        if isinstance(logger, logging.Logger):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)
            logger.propagate = True
    logging.Logger.manager._clear_cache()
