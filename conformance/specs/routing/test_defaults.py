"""Rule ``defaults``: values for variables a rule does not have."""

from urllib.parse import urlsplit

import pytest
from werkzeug.routing import BuildError


def _paged(app):
    @app.route("/users/", defaults={"page": 1})
    @app.route("/users/page/<int:page>")
    def users(page):
        return f"page {page}"


def test_defaults_give_the_view_a_value_the_rule_lacks(app, client):
    """A rule's ``defaults`` pass the view values for arguments the rule has no variable for (Flask API: URL Route Registrations)."""
    _paged(app)

    assert client.get("/users/").data == b"page 1"
    assert client.get("/users/page/3").data == b"page 3"


def test_defaults_are_not_read_from_the_query_string(app, client):
    """A value fixed by ``defaults`` stays the default even when the query string has an argument of that name (Flask API: URL Route Registrations)."""

    @app.route("/report/<name>", defaults={"fmt": "html"})
    def report(name, fmt):
        return f"{name}.{fmt}"

    assert client.get("/report/q1?fmt=json").data == b"q1.html"


def test_url_equal_to_defaults_redirects_to_the_defaults_rule(app, client):
    """A URL whose values equal another rule's defaults for the same endpoint redirects to that rule's URL (Flask API: URL Route Registrations)."""
    _paged(app)

    response = client.get("/users/page/1")
    assert response.status_code == 308
    assert urlsplit(response.headers["Location"]).path == "/users/"


def test_url_for_builds_the_defaults_rule_for_default_values(target, app):
    """URL building picks the rule whose defaults match the values, and the variable rule otherwise (Flask API: URL Route Registrations)."""
    _paged(app)

    with app.test_request_context():
        assert target.url_for("users") == "/users/"
        assert target.url_for("users", page=1) == "/users/"
        assert target.url_for("users", page=2) == "/users/page/2"


def test_url_for_refuses_a_value_conflicting_with_defaults(target, app):
    """Building a URL raises ``BuildError`` when a value differs from a default of the only rule for the endpoint (Flask API: Flask.url_for)."""

    @app.route("/report/<name>", defaults={"fmt": "html"})
    def report(name, fmt):
        return ""

    with app.test_request_context():
        assert target.url_for("report", name="q1", fmt="html") == "/report/q1"
        with pytest.raises(BuildError):
            target.url_for("report", name="q1", fmt="json")
