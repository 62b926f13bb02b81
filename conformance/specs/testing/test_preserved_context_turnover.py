"""Inside ``with client:``, each request ends the context the previous one kept."""


def test_a_new_request_tears_down_the_context_the_previous_one_kept(target, app, client):
    """Inside ``with client:``, teardown functions run as each request ends and again when the kept context is popped, which the next request does before its view (Flask API: FlaskClient)."""
    calls = []

    @app.route("/<name>")
    def view(name):
        calls.append(f"view {name}")
        return name

    @app.teardown_request
    def teardown(error):
        calls.append(f"teardown {target.request.path}")

    with client:
        client.get("/a")
        client.get("/b")
        during = list(calls)

    assert during == ["view a", "teardown /a", "teardown /a", "view b", "teardown /b"]
    assert calls == [*during, "teardown /b"]
