"""Registration decorators hand the function back, and view attributes they read."""

import pytest
from werkzeug.routing import BuildError


def test_teardown_appcontext_returns_the_function_unchanged(app):
    """``app.teardown_appcontext`` returns the function it registers, so it stays usable under its name (Flask API: Flask.teardown_appcontext)."""

    def release(error):
        return None

    assert app.teardown_appcontext(release) is release


def test_required_methods_of_a_view_function_are_added_to_its_rule(app, client):
    """A view function's ``required_methods`` attribute adds those methods to the rule's methods (Flask API: Flask.add_url_rule)."""

    def submit():
        return "submitted"

    submit.required_methods = {"POST"}
    app.add_url_rule("/submit", view_func=submit, methods=["GET"])

    assert client.post("/submit").get_data(as_text=True) == "submitted"
    assert client.get("/submit").status_code == 200


def test_a_build_error_raised_by_a_handler_replaces_the_original(app):
    """When a ``url_build_error_handlers`` handler raises its own ``BuildError``, ``url_for`` raises that one (Flask API: Flask.handle_url_build_error)."""
    raised = BuildError("from_the_handler", {}, None)

    def handler(error, endpoint, values):
        raise raised

    app.url_build_error_handlers.append(handler)

    with app.test_request_context(), pytest.raises(BuildError) as caught:
        app.url_for("missing")

    assert caught.value is raised


def test_after_request_returns_the_function(target, app):
    """``app.after_request`` returns the function it registers, so it works as a decorator that keeps the name bound (Flask API: Flask.after_request)."""

    def add_header(response):
        return response

    assert app.after_request(add_header) is add_header
