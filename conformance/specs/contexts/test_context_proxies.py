"""The context-bound proxies outside their context."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("contexts_outside_context"))
def test_proxy_outside_its_context_raises_runtime_error(target, app, given, expected):
    """Using ``current_app`` or ``g`` outside an app context, or ``request`` or ``session`` outside a request context, raises RuntimeError (Flask docs: The Application Context)."""
    assert expected == "RuntimeError"
    proxy = getattr(target, given["proxy"])
    if given["app_context"]:
        with app.app_context():
            with pytest.raises(RuntimeError):
                getattr(proxy, given["attribute"])
    else:
        with pytest.raises(RuntimeError):
            getattr(proxy, given["attribute"])


def test_g_attribute_assignment_outside_context_raises(target):
    """Setting an attribute on ``g`` without an application context raises RuntimeError (Flask API: flask.g)."""
    with pytest.raises(RuntimeError):
        target.g.value = 1


def test_has_context_functions_are_false_outside(target):
    """With no context pushed, ``has_app_context()`` and ``has_request_context()`` both return False (Flask API: has_request_context)."""
    assert target.has_app_context() is False
    assert target.has_request_context() is False


def test_request_proxy_is_truthy_only_in_a_request_context(target, app):
    """The ``request`` proxy tests false outside a request context, even within an app context, and true inside one (Flask API: has_request_context)."""
    assert not target.request
    with app.app_context():
        assert not target.request
        with app.test_request_context():
            assert target.request
    assert not target.request
