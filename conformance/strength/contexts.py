"""A pytest plugin that labels coverage data with the spec that executed it.

Loaded with ``-p conformance.strength.contexts`` in a ``coverage run``: each
spec's setup, call and teardown are recorded under its node id, so the data
answers "which specs execute this line", the question a mutation run asks
before choosing which specs to run against a mutant.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Generator

import pytest


def _switch(label: str) -> None:
    import coverage

    current = coverage.Coverage.current()
    if current is not None:
        current.switch_context(label)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Import every module of the targets before any spec runs.

    A module first imported inside a spec would have its import-time lines
    (class bodies, objects built at import such as ``flask.cli.cli``) recorded
    under that spec alone; imported here, they are recorded outside every spec,
    which is how the strength runner recognises code that runs at import.
    """
    for name in session.config.getoption("conformance_targets") or ():
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        for module in pkgutil.walk_packages(getattr(package, "__path__", []), f"{name}."):
            if module.name.endswith(".__main__"):
                continue  # running it is what importing it does
            try:
                importlib.import_module(module.name)
            except Exception:  # an optional module missing its extra: the specs will say
                continue


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator:
    """Record everything between a spec's setup and its teardown under its node id."""
    _switch(item.nodeid)
    yield
    _switch("")
