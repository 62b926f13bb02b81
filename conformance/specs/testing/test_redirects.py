"""``follow_redirects`` and the history of the followed responses."""


def _views(app, target):
    @app.route("/start")
    def start():
        return target.redirect("/middle")

    @app.route("/middle", methods=["GET", "POST"])
    def middle():
        return target.redirect("/end", 307)

    @app.route("/end", methods=["GET", "POST"])
    def end():
        return f"{target.request.method} {target.request.get_data(as_text=True)}"


def test_without_follow_redirects_the_redirect_is_returned(target, app, client):
    """By default the test client returns the redirect response itself (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    response = client.get("/start")

    assert response.status_code == 302
    assert response.headers["Location"] == "/middle"
    assert response.history == ()


def test_follow_redirects_records_the_history(target, app, client):
    """With ``follow_redirects=True`` the final response is returned, ``history`` holds the redirects and ``request.path`` names the last URL (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    response = client.get("/start", follow_redirects=True)

    assert response.status_code == 200
    assert response.data == b"GET "
    assert response.request.path == "/end"
    assert [r.status_code for r in response.history] == [302, 307]
    assert [r.request.path for r in response.history] == ["/start", "/middle"]


def test_follow_307_keeps_method_and_body(target, app, client):
    """Following a 307 redirect repeats the request method and body (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    response = client.post("/middle", data="payload", follow_redirects=True)

    assert response.data == b"POST payload"
    assert response.request.method == "POST"
