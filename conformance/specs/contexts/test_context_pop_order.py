"""Popping contexts in the wrong order."""

import threading

import pytest


def _in_a_thread(function):
    """Run ``function`` in a fresh thread, so a broken context stack cannot leak, and return its result."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_popping_the_wrong_app_context_raises_assertion_error(target, app):
    """Popping an app context that is not the innermost one raises AssertionError (Flask API: AppContext.pop)."""
    other = target.Flask("other_app")

    def scenario():
        outer = app.app_context()
        inner = other.app_context()
        outer.push()
        inner.push()
        with pytest.raises(AssertionError):
            outer.pop()
        return "raised"

    assert _in_a_thread(scenario) == "raised"


def test_popping_the_wrong_request_context_raises_assertion_error(target, app):
    """Popping a request context that is not the innermost one raises AssertionError (Flask API: RequestContext.pop)."""

    def scenario():
        outer = app.test_request_context("/outer")
        inner = app.test_request_context("/inner")
        outer.push()
        inner.push()
        with pytest.raises(AssertionError):
            outer.pop()
        return "raised"

    assert _in_a_thread(scenario) == "raised"


def test_popping_in_order_restores_each_level(target, app):
    """Contexts popped in reverse push order restore, at each step, the context that was current before (Flask docs: The Application Context)."""
    other = target.Flask("other_app")
    first = app.app_context()
    second = other.app_context()
    first.push()
    try:
        second.push()
        try:
            assert target.current_app.name == "other_app"
        finally:
            second.pop()
        assert target.current_app._get_current_object() is app
    finally:
        first.pop()
    assert target.has_app_context() is False
