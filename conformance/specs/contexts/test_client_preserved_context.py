"""``with client:`` keeps the last request's context until the block ends."""


def _register_views(app, target):
    @app.route("/remember/<name>", methods=["GET", "POST"])
    def remember(name):
        target.session["name"] = name
        target.g.name = name
        return "remembered"


def test_with_client_keeps_the_request_after_the_response(target, app, client):
    """Inside ``with client:``, ``request`` still shows the last request after the client returns its response (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    with client:
        response = client.get("/remember/ada?source=test")
        assert response.data == b"remembered"
        assert target.has_request_context() is True
        assert target.request.path == "/remember/ada"
        assert target.request.args["source"] == "test"
        assert target.request.view_args == {"name": "ada"}


def test_with_client_keeps_the_session_readable(target, app, client):
    """Inside ``with client:``, the ``session`` changed by the last request is readable after the response (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    with client:
        client.get("/remember/grace")
        assert target.session["name"] == "grace"


def test_with_client_keeps_the_app_context_and_g(target, app, client):
    """Inside ``with client:``, the app context of the last request stays active, ``g`` included (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    with client:
        client.get("/remember/linus")
        assert target.current_app._get_current_object() is app
        assert target.g.name == "linus"


def test_with_client_shows_the_latest_request(target, app, client):
    """Inside ``with client:``, each request replaces the preserved one, so ``request`` shows the latest (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    with client:
        client.get("/remember/first")
        assert client.post("/remember/second").status_code == 200
        assert target.request.path == "/remember/second"
        assert target.request.method == "POST"
        assert target.session["name"] == "second"


def test_with_client_block_end_pops_the_context(target, app, client):
    """When the ``with client:`` block ends, no request or app context remains (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    with client:
        client.get("/remember/ada")
        assert target.has_request_context() is True
    assert target.has_request_context() is False
    assert target.has_app_context() is False


def test_without_with_client_the_context_ends_with_the_request(target, app, client):
    """Without ``with client:``, no request context remains once the client returns the response (Flask docs: Testing Flask Applications)."""
    _register_views(app, target)
    assert client.get("/remember/ada").data == b"remembered"
    assert target.has_request_context() is False
    assert target.has_app_context() is False


def test_with_client_teardown_has_run_after_the_response(target, app, client):
    """Inside ``with client:``, ``teardown_request`` has already run when the response is returned, though ``request`` is still readable (Flask API: RequestContext)."""
    calls = []

    @app.teardown_request
    def close(exc):
        calls.append(exc)

    _register_views(app, target)
    with client:
        client.get("/remember/ada")
        assert calls[:1] == [None]
        assert target.request.path == "/remember/ada"
