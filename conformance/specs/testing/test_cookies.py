"""The test client's cookie jar: cookies from responses, ``set_cookie``, ``get_cookie``, ``delete_cookie``."""


def _views(app, target):
    @app.route("/cookies")
    def cookies():
        return target.request.cookies.to_dict()

    @app.route("/other/cookies")
    def other_cookies():
        return target.request.cookies.to_dict()

    @app.route("/set")
    def set_cookie():
        response = target.make_response("set")
        response.set_cookie("flavour", "mint")
        response.set_cookie("scoped", "1", path="/other")
        return response

    @app.route("/drop")
    def drop_cookie():
        response = target.make_response("dropped")
        response.delete_cookie("flavour")
        return response


def test_response_cookies_are_sent_on_later_requests(target, app, client):
    """A cookie set by a response is sent by the test client on its following requests (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    before = client.get("/cookies").get_json()
    client.get("/set")
    after = client.get("/cookies").get_json()

    assert before == {}
    assert after == {"flavour": "mint"}


def test_path_scoped_cookie_is_sent_only_under_its_path(target, app, client):
    """A cookie set with ``path="/other"`` is sent only to URLs under that path (Flask docs: Testing Flask Applications)."""
    _views(app, target)
    client.get("/set")

    assert "scoped" not in client.get("/cookies").get_json()
    assert client.get("/other/cookies").get_json() == {"flavour": "mint", "scoped": "1"}


def test_get_cookie_returns_the_stored_cookie(target, app, client):
    """``client.get_cookie`` returns the stored cookie with its value, domain and path, or ``None`` when absent (Flask docs: Testing Flask Applications)."""
    _views(app, target)
    client.get("/set")

    cookie = client.get_cookie("flavour")

    assert (cookie.key, cookie.value, cookie.domain, cookie.path) == (
        "flavour",
        "mint",
        "localhost",
        "/",
    )
    assert client.get_cookie("scoped") is None
    assert client.get_cookie("scoped", path="/other").value == "1"
    assert client.get_cookie("absent") is None


def test_set_cookie_on_the_client(target, app, client):
    """``client.set_cookie`` stores a cookie that the client sends on later requests (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    client.set_cookie("lang", "fr")

    assert client.get("/cookies").get_json() == {"lang": "fr"}
    assert client.get_cookie("lang").value == "fr"


def test_client_cookie_for_another_domain_is_not_sent(target, app, client):
    """A cookie set on the client for another domain is not sent to ``localhost`` (Flask docs: Testing Flask Applications)."""
    _views(app, target)

    client.set_cookie("far", "away", domain="example.org")
    client.set_cookie("near", "here", domain="localhost")

    assert client.get("/cookies").get_json() == {"near": "here"}


def test_delete_cookie_on_the_client(target, app, client):
    """``client.delete_cookie`` removes a stored cookie so it is no longer sent (Flask docs: Testing Flask Applications)."""
    _views(app, target)
    client.get("/set")

    client.delete_cookie("flavour")

    assert client.get("/cookies").get_json() == {}
    assert client.get_cookie("flavour") is None


def test_response_deleting_a_cookie_removes_it_from_the_client(target, app, client):
    """A response that deletes a cookie removes it from the test client's jar (Flask API: Response.delete_cookie)."""
    _views(app, target)
    client.get("/set")

    client.get("/drop")

    assert client.get_cookie("flavour") is None
    assert client.get("/cookies").get_json() == {}


def test_clients_have_separate_cookie_jars(target, app):
    """Two test clients of one app keep separate cookies (Flask API: Flask.test_client)."""
    _views(app, target)
    first, second = app.test_client(), app.test_client()

    first.get("/set")

    assert first.get("/cookies").get_json() == {"flavour": "mint"}
    assert second.get("/cookies").get_json() == {}
