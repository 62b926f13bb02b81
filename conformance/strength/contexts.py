"""A pytest plugin that labels coverage data with the spec that executed it.

Loaded with ``-p conformance.strength.contexts`` in a ``coverage run``: each
spec's setup, call and teardown are recorded under its node id, so the data
answers "which specs execute this line", the question a mutation run asks
before choosing which specs to run against a mutant.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest


def _switch(label: str) -> None:
    import coverage

    current = coverage.Coverage.current()
    if current is not None:
        current.switch_context(label)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator:
    """Record everything between a spec's setup and its teardown under its node id."""
    _switch(item.nodeid)
    yield
    _switch("")
