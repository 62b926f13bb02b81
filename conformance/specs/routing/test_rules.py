"""Rules and their matching."""

import pytest


def test_static_rule_matches_its_path(app, client):
    """A view registered with ``app.route`` answers requests for its rule (Flask API: Flask.route)."""

    @app.route("/hello")
    def hello():
        return "hello"

    response = client.get("/hello")
    assert response.status_code == 200
    assert response.data == b"hello"


def test_unknown_path_is_404(app, client):
    """A path no rule matches gives 404 Not Found (Flask docs: Routing)."""
    assert client.get("/nowhere").status_code == 404


def test_variable_part_is_passed_as_keyword_argument(app, client):
    """A ``<name>`` section of a rule is passed to the view as the keyword argument ``name`` (Flask docs: Variable Rules)."""

    @app.route("/user/<username>")
    def profile(**kwargs):
        return kwargs

    assert client.get("/user/ada").get_json() == {"username": "ada"}


def test_rule_may_mix_variables_and_static_text(app, client):
    """A rule can hold several variable parts, also inside a segment next to static text (Flask docs: Variable Rules)."""

    @app.route("/archive/<int:year>/<slug>.<ext>")
    def entry(year, slug, ext):
        return {"year": year, "slug": slug, "ext": ext}

    assert client.get("/archive/2024/hello-world.html").get_json() == {
        "year": 2024,
        "slug": "hello-world",
        "ext": "html",
    }


def test_rule_without_leading_slash_raises(app):
    """A rule that does not start with a slash raises ``ValueError`` when it is added (Flask API: Flask.add_url_rule)."""
    with pytest.raises(ValueError):
        app.add_url_rule("about", "about", lambda: "")


def test_malformed_rule_raises(app):
    """A rule with an unclosed variable section raises ``ValueError`` when it is added (Flask API: Flask.add_url_rule)."""
    with pytest.raises(ValueError):
        app.add_url_rule("/user/<name", "user", lambda name: "")
