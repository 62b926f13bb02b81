"""How the context globals present themselves with and without a context."""

import pytest

GLOBALS = ("current_app", "g", "request", "session")


@pytest.mark.parametrize("name", GLOBALS)
def test_unbound_global_repr_names_an_unbound_local_proxy(target, name):
    """Outside any context, ``repr()`` of a context global is ``<LocalProxy unbound>`` (Flask API: flask.g, flask.request)."""
    assert repr(getattr(target, name)) == "<LocalProxy unbound>"


def test_bound_request_repr_is_the_requests_repr(target):
    """Inside a request context, ``repr(request)`` is the request's own repr with its URL and method (Flask API: flask.request)."""
    app = target.Flask("conformance_repr")
    with app.test_request_context("/page?q=1", method="POST"):
        assert repr(target.request) == "<Request 'http://localhost/page?q=1' [POST]>"


def test_bound_current_app_repr_is_the_apps_repr(target):
    """Inside an app context, ``repr(current_app)`` is the application's repr with its name (Flask API: flask.current_app)."""
    app = target.Flask("conformance_repr")
    with app.app_context():
        assert repr(target.current_app) == "<Flask 'conformance_repr'>"
