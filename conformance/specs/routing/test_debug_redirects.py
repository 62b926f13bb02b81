"""Debug mode leaves routing redirects alone unless they would drop a form body."""

from werkzeug.routing import RequestRedirect


def test_debug_mode_answers_a_post_to_a_slashless_url_with_a_308_redirect(app, client):
    """In debug mode a POST to a rule's URL without its trailing slash gets routing's 308 redirect, which keeps the body, not an error (Flask API: Flask.raise_routing_exception)."""
    app.debug = True

    @app.route("/form/", methods=["POST"])
    def form():
        return "posted"

    response = client.post("/form", data={"name": "ada"})

    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/form/"


def test_debug_mode_lets_a_get_follow_a_301_routing_redirect(app, client, monkeypatch):
    """In debug mode a GET answered by a routing redirect with a code other than 307/308 still gets that redirect, since no body is lost (Flask API: Flask.raise_routing_exception)."""
    monkeypatch.setattr(RequestRedirect, "code", 301)
    app.debug = True

    @app.route("/page/")
    def page():
        return "page"

    response = client.get("/page")

    assert response.status_code == 301
    assert response.headers["Location"] == "http://localhost/page/"


def test_debug_mode_answers_a_post_to_an_unknown_url_with_404(app, client):
    """In debug mode a POST that routing answers with a 404 or 405 gets that error as usual, not the form-data redirect error (Flask API: Flask.raise_routing_exception)."""
    app.debug = True

    @app.route("/page/", methods=["GET", "POST"])
    def page():
        return "page"

    assert client.post("/nowhere", data={"a": "1"}).status_code == 404
    assert client.put("/page/", data={"a": "1"}).status_code == 405


def test_debug_mode_lets_head_and_options_follow_a_301_routing_redirect(app, client, monkeypatch):
    """In debug mode HEAD and OPTIONS requests answered by a 301 routing redirect get the redirect like GET, since they carry no form body (Flask API: Flask.raise_routing_exception)."""
    monkeypatch.setattr(RequestRedirect, "code", 301)
    app.debug = True

    @app.route("/page/")
    def page():
        return "page"

    for response in (client.head("/page"), client.options("/page")):
        assert response.status_code == 301
        assert response.headers["Location"] == "http://localhost/page/"
