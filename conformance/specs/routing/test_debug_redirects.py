"""Debug mode leaves routing's own 308 redirects alone, whatever the method."""


def test_debug_mode_answers_a_post_to_a_slashless_url_with_a_308_redirect(app, client):
    """In debug mode a POST to a rule's URL without its trailing slash gets routing's 308 redirect, which keeps the body, not an error (Flask API: Flask.raise_routing_exception)."""
    app.debug = True

    @app.route("/form/", methods=["POST"])
    def form():
        return "posted"

    response = client.post("/form", data={"name": "ada"})

    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/form/"
