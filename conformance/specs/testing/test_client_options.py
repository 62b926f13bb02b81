"""Test client construction options: ``use_cookies``, ``environ_base``, ``base_url``, custom classes."""

import pytest


def _echo_view(app, target):
    @app.route("/echo")
    def echo():
        request = target.request
        return {
            "remote_addr": request.remote_addr,
            "user_agent": request.headers.get("User-Agent"),
            "x_extra": request.headers.get("X-Extra"),
            "cookies": request.cookies.to_dict(),
            "url": request.url,
        }

    @app.route("/set")
    def set_cookie():
        response = target.make_response("set")
        response.set_cookie("flavour", "mint")
        return response


def test_client_environ_base_defaults(target, app, client):
    """The test client sends ``REMOTE_ADDR`` ``127.0.0.1`` and a ``Werkzeug/<version>`` user agent by default (Flask API: FlaskClient)."""
    _echo_view(app, target)

    seen = client.get("/echo").get_json()

    assert client.environ_base["REMOTE_ADDR"] == "127.0.0.1"
    assert seen["remote_addr"] == "127.0.0.1"
    assert seen["user_agent"].startswith("Werkzeug/")
    assert seen["user_agent"] == client.environ_base["HTTP_USER_AGENT"]


def test_changing_client_environ_base_affects_later_requests(target, app, client):
    """Values added to ``client.environ_base`` after creation are sent with every later request (Flask API: FlaskClient)."""
    _echo_view(app, target)
    client.environ_base["HTTP_X_EXTRA"] = "yes"
    client.environ_base["REMOTE_ADDR"] = "192.0.2.1"

    first = client.get("/echo").get_json()
    second = client.get("/echo").get_json()

    assert first["x_extra"] == second["x_extra"] == "yes"
    assert first["remote_addr"] == "192.0.2.1"


def test_request_environ_base_overrides_the_client_one(target, app, client):
    """An ``environ_base`` passed to one request overrides the client's defaults for that request only (Flask API: FlaskClient.open)."""
    _echo_view(app, target)

    overridden = client.get("/echo", environ_base={"REMOTE_ADDR": "198.51.100.7"}).get_json()
    plain = client.get("/echo").get_json()

    assert overridden["remote_addr"] == "198.51.100.7"
    assert overridden["user_agent"].startswith("Werkzeug/")
    assert plain["remote_addr"] == "127.0.0.1"


def test_use_cookies_false_sends_no_cookies_back(target, app):
    """A client made with ``use_cookies=False`` does not store response cookies nor send them on later requests (Flask API: Flask.test_client)."""
    _echo_view(app, target)
    client = app.test_client(use_cookies=False)

    set_response = client.get("/set")
    seen = client.get("/echo").get_json()

    assert set_response.headers["Set-Cookie"].startswith("flavour=mint")
    assert seen["cookies"] == {}


def test_use_cookies_false_refuses_cookie_access(target, app):
    """With ``use_cookies=False``, ``get_cookie`` and ``session_transaction`` raise ``TypeError`` (Flask API: FlaskClient.session_transaction)."""
    client = app.test_client(use_cookies=False)

    with pytest.raises(TypeError, match="use_cookies"):
        client.get_cookie("flavour")
    with pytest.raises(TypeError, match="use_cookies"):
        with client.session_transaction():
            pass


def test_base_url_on_a_request(target, app, client):
    """A ``base_url`` given to a client request sets the scheme, host and script root the app sees (Flask docs: Testing Flask Applications)."""
    _echo_view(app, target)

    seen = client.get("/echo?q=1", base_url="https://api.example.com/v1/").get_json()

    assert seen["url"] == "https://api.example.com/v1/echo?q=1"


def test_client_application_attribute(target, app, client):
    """The test client's ``application`` attribute is the app it was created for (Flask API: Flask.test_client)."""
    assert client.application is app
    assert isinstance(client, target.testing.FlaskClient)


def test_test_client_class_override(target, app):
    """``app.test_client()`` instantiates ``app.test_client_class`` and passes its keyword arguments on (Flask API: Flask.test_client_class)."""

    class CustomClient(target.testing.FlaskClient):
        def __init__(self, *args, **kwargs):
            self.label = kwargs.pop("label")
            super().__init__(*args, **kwargs)

    app.test_client_class = CustomClient

    @app.route("/")
    def index():
        return "ok"

    client = app.test_client(label="mine")

    assert type(client) is CustomClient
    assert client.label == "mine"
    assert client.get("/").data == b"ok"


def test_client_responses_use_the_app_response_class(target, app):
    """A client created after ``app.response_class`` is replaced returns responses that are instances of that class (Flask API: Flask.test_client)."""

    class Marked(target.Response):
        marker = "marked"

    app.response_class = Marked

    @app.route("/")
    def index():
        return "ok"

    response = app.test_client().get("/")

    assert isinstance(response, Marked)
    assert response.marker == "marked"


def test_nested_with_client_is_refused(target, app, client):
    """Entering ``with client:`` while already inside a ``with client:`` block raises ``RuntimeError`` (Flask API: FlaskClient)."""
    with client:
        with pytest.raises(RuntimeError, match="Cannot nest client invocations"):
            with client:
                pass


def test_with_client_gives_the_client_itself(target, app):
    """``with client as c:`` binds ``c`` to the client itself (Flask API: FlaskClient)."""
    client = app.test_client()  # not the recording fixture, whose own __enter__ would answer

    with client as entered:
        assert entered is client


def test_a_finished_with_client_block_can_be_followed_by_another(target, app, client):
    """After a ``with client:`` block ends, the client keeps no context for later requests and a new ``with client:`` block is allowed (Flask API: FlaskClient)."""

    @app.route("/")
    def index():
        return "ok"

    with client:
        client.get("/")
    client.get("/")
    kept_after_block = bool(target.has_request_context())
    with client:
        assert client.get("/").data == b"ok"
        kept_inside = target.request.path

    assert kept_after_block is False
    assert kept_inside == "/"
