"""Helpers used outside the contexts they usually run in."""

from datetime import timedelta

import pytest


def test_make_response_without_arguments_is_an_empty_response(app, target):
    """``make_response()`` with no arguments gives an empty 200 ``text/html`` response of the app's class (Flask API: make_response)."""
    with app.app_context():
        response = target.make_response()

    assert isinstance(response, app.response_class)
    assert (response.status_code, response.get_data(), response.mimetype) == (200, b"", "text/html")


def test_redirect_outside_an_app_context_still_builds_a_redirect(target):
    """``redirect()`` with no application context returns a 302 response carrying the location (Flask API: redirect)."""
    response = target.redirect("/elsewhere")

    assert response.status_code == 302
    assert response.headers["Location"] == "/elsewhere"


def test_redirect_in_an_app_context_goes_through_app_redirect(target):
    """Inside an application context, ``redirect()`` calls the current app's ``redirect`` method with the location and code, so a ``Flask`` subclass overriding it shapes the response (Flask API: redirect)."""
    calls = []

    class Site(target.Flask):
        def redirect(self, location, code=302):
            calls.append((location, code))
            response = super().redirect(location, code)
            response.headers["X-Via"] = "app"
            return response

    with Site("conformance_redirect_site").app_context():
        response = target.redirect("/there", 301)

    assert calls == [("/there", 301)]
    assert (response.status_code, response.headers["Location"]) == (301, "/there")
    assert response.headers["X-Via"] == "app"


def test_after_this_request_outside_a_request_raises(app, target):
    """``after_this_request`` raises RuntimeError when no request context is active (Flask API: after_this_request)."""
    with app.app_context(), pytest.raises(RuntimeError):
        target.after_this_request(lambda response: response)


def test_g_repr_names_the_application(app, target):
    """Inside an application context, ``repr(g)`` names the application the context belongs to (Flask API: flask.g)."""
    with app.app_context():
        assert f"g of '{app.name}'" in repr(target.g)


def test_permanent_session_lifetime_config_in_seconds_becomes_a_timedelta(app):
    """``PERMANENT_SESSION_LIFETIME`` set as seconds in the config is read back by ``app.permanent_session_lifetime`` as a timedelta (Flask API: Flask.permanent_session_lifetime)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = 60

    assert app.permanent_session_lifetime == timedelta(seconds=60)
