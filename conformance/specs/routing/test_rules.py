"""Rules and their matching."""


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
