"""The signed cookie session carries values from one request to the next."""

import base64


def _add_set_and_get(app, target):
    @app.route("/set/<key>/<value>")
    def set_value(key, value):
        target.session[key] = value
        return "set"

    @app.route("/get/<key>")
    def get_value(key):
        return repr(target.session.get(key))


def test_value_set_in_one_request_is_read_in_the_next(target, app, client):
    """A value stored in ``session`` during one request is available in the next request from the same client (Flask API: Sessions)."""
    _add_set_and_get(app, target)

    client.get("/set/user/alice")

    assert client.get("/get/user").data == b"'alice'"


def test_session_starts_empty_without_a_cookie(target, app, client):
    """A request without a session cookie sees an empty session (Flask API: Sessions)."""
    seen = []

    @app.route("/")
    def index():
        seen.append(dict(target.session))
        return ""

    client.get("/")

    assert seen == [{}]


def test_json_values_keep_their_types_across_requests(target, app, client):
    """Strings, numbers, booleans, None, lists and dicts stored in the session come back equal in the next request (Flask API: Sessions)."""
    stored = {
        "text": "héllo",
        "integer": 7,
        "real": 2.5,
        "flag": False,
        "nothing": None,
        "items": [1, "two", [3]],
        "mapping": {"a": {"b": 1}},
    }
    seen = []

    @app.route("/set")
    def set_values():
        target.session.update(stored)
        return ""

    @app.route("/get")
    def get_values():
        seen.append(dict(target.session))
        return ""

    client.get("/set")
    client.get("/get")

    assert seen == [stored]


def test_later_requests_update_and_remove_keys(target, app, client):
    """Keys added, changed and deleted across several requests accumulate in the session cookie (Flask API: Sessions)."""
    seen = []

    @app.route("/one")
    def one():
        target.session["a"] = 1
        target.session["b"] = 2
        return ""

    @app.route("/two")
    def two():
        target.session["a"] = 10
        del target.session["b"]
        target.session["c"] = 3
        return ""

    @app.route("/get")
    def get():
        seen.append(dict(target.session))
        return ""

    client.get("/one")
    client.get("/two")
    client.get("/get")

    assert seen == [{"a": 10, "c": 3}]


def test_tampered_cookie_gives_an_empty_session(target, app, client):
    """A session cookie whose payload was altered fails signature checks and the request sees an empty session (Flask docs: Sessions)."""
    _add_set_and_get(app, target)
    client.get("/set/role/user")
    value = client.get_cookie("session").value
    payload, _, rest = value.partition(".")
    forged = base64.urlsafe_b64encode(b'{"role":"admin"}').rstrip(b"=").decode()
    client.set_cookie("session", f"{forged}.{rest}")

    assert forged != payload
    assert client.get("/get/role").data == b"None"


def test_cookie_signed_with_another_key_gives_an_empty_session(target, app, client):
    """A session cookie signed by an application with a different ``SECRET_KEY`` is ignored and the session is empty (Flask docs: Sessions)."""
    other = target.Flask("other_app")
    other.config.update(TESTING=True, SECRET_KEY="a-completely-different-key")
    _add_set_and_get(other, target)
    other_client = target.make_client(other)
    other_client.get("/set/role/admin")
    client.set_cookie("session", other_client.get_cookie("session").value)
    _add_set_and_get(app, target)

    assert client.get("/get/role").data == b"None"


def test_garbage_cookie_gives_an_empty_session(target, app, client):
    """A session cookie that is not a signed value at all is ignored instead of raising, and the session is empty (Flask API: SecureCookieSessionInterface)."""
    _add_set_and_get(app, target)
    client.set_cookie("session", "not-a-session-value")

    response = client.get("/get/anything")

    assert response.status_code == 200
    assert response.data == b"None"


def test_session_is_usable_in_before_and_after_request(target, app, client):
    """The session is open in ``before_request`` and changes made in ``after_request`` are still saved to the cookie (Flask API: Flask.after_request)."""
    seen = []

    @app.before_request
    def before():
        seen.append(target.session.get("count", 0))

    @app.after_request
    def after(response):
        target.session["count"] = target.session.get("count", 0) + 1
        return response

    @app.route("/")
    def index():
        return ""

    client.get("/")
    client.get("/")
    client.get("/")

    assert seen == [0, 1, 2]


def test_separate_clients_have_separate_sessions(target, app):
    """Each client carries its own session cookie, so a value stored for one client is not seen by another (Flask API: Sessions)."""
    _add_set_and_get(app, target)
    first = target.make_client(app)
    second = target.make_client(app)

    first.get("/set/user/alice")

    assert first.get("/get/user").data == b"'alice'"
    assert second.get("/get/user").data == b"None"
