"""The signal objects Flask provides, their names and where they are exported."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("signals_names"))
def test_signal_has_its_documented_name(target, given, expected):
    """Each signal in ``flask.signals`` is a named Blinker signal whose ``name`` is its dashed documented name (Flask API: Signals)."""
    assert getattr(target.signals, given).name == expected


@pytest.mark.parametrize(("given", "expected"), cases("signals_names"))
def test_signal_is_reexported_at_top_level(target, given, expected):
    """Each signal of ``flask.signals`` is also available as the same object at the top of the ``flask`` package (Flask API: Signals)."""
    assert getattr(target, given) is getattr(target.signals, given)
    assert getattr(target, given).name == expected
