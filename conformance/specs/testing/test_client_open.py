"""``client.open`` with builders, environs and requests; request and response helpers."""

import pytest
from werkzeug.wrappers import Request as WerkzeugRequest


def _echo(app, target):
    @app.route("/echo", methods=["GET", "POST", "PUT"])
    def echo():
        request = target.request
        return {
            "method": request.method,
            "args": request.args.to_dict(),
            "body": request.get_data(as_text=True),
            "header": request.headers.get("X-Test"),
            "remote_addr": request.remote_addr,
            "user_agent": request.headers.get("User-Agent"),
            "json": request.get_json(silent=True),
            "content_type": request.content_type,
        }


def test_open_accepts_an_environ_builder(target, app, client):
    """``client.open`` sends the request described by an ``EnvironBuilder``, adding the client's ``environ_base`` (Flask API: FlaskClient.open)."""
    _echo(app, target)
    client.environ_base["REMOTE_ADDR"] = "192.0.2.4"
    builder = target.testing.EnvironBuilder(
        app, "/echo?k=v", method="PUT", data="body", headers={"X-Test": "1"}
    )

    seen = client.open(builder).get_json()
    builder.close()

    assert seen["method"] == "PUT"
    assert seen["args"] == {"k": "v"}
    assert seen["body"] == "body"
    assert seen["header"] == "1"
    assert seen["remote_addr"] == "192.0.2.4"


def test_open_accepts_an_environ_dict(target, app, client):
    """``client.open`` accepts a WSGI environ dict and fills missing keys from the client's ``environ_base`` (Flask API: FlaskClient.open)."""
    _echo(app, target)
    builder = target.testing.EnvironBuilder(app, "/echo", method="POST", data="d")
    environ = builder.get_environ()
    builder.close()
    environ.pop("REMOTE_ADDR", None)
    environ.pop("HTTP_USER_AGENT", None)

    seen = client.open(environ).get_json()

    assert seen["method"] == "POST"
    assert seen["body"] == "d"
    assert seen["remote_addr"] == "127.0.0.1"
    assert seen["user_agent"].startswith("Werkzeug/")


def test_open_accepts_a_request_object(target, app, client):
    """``client.open`` accepts a Werkzeug ``Request`` and sends it, with the client's ``environ_base`` underneath (Flask API: FlaskClient.open)."""
    _echo(app, target)
    builder = target.testing.EnvironBuilder(app, "/echo?from=request", method="POST")
    environ = builder.get_environ()
    builder.close()
    environ.pop("REMOTE_ADDR", None)

    seen = client.open(WerkzeugRequest(environ)).get_json()

    assert seen["method"] == "POST"
    assert seen["args"] == {"from": "request"}
    assert seen["remote_addr"] == "127.0.0.1"


@pytest.mark.parametrize("method", ["get", "post", "put"])
def test_client_json_argument(target, app, client, method):
    """The client's ``json=`` argument sends a JSON body with ``application/json``, whatever the method (Flask docs: Testing Flask Applications)."""
    _echo(app, target)

    seen = getattr(client, method)("/echo", json={"n": [1, 2]}).get_json()

    assert seen["method"] == method.upper()
    assert seen["json"] == {"n": [1, 2]}
    assert seen["content_type"] == "application/json"


def test_client_query_string_and_headers(target, app, client):
    """Client requests take ``query_string`` and ``headers`` arguments (Flask docs: Testing Flask Applications)."""
    _echo(app, target)

    seen = client.get("/echo", query_string={"a": "1"}, headers={"X-Test": "h"}).get_json()

    assert seen["args"] == {"a": "1"}
    assert seen["header"] == "h"


def test_response_text_and_json(target, app, client):
    """The test response's ``text`` is the decoded body and ``json`` the decoded JSON body (Flask docs: Testing Flask Applications)."""

    @app.route("/t")
    def text():
        return "héllo"

    @app.route("/j")
    def data():
        return {"ok": True}

    assert client.get("/t").text == "héllo"
    assert client.get("/j").json == {"ok": True}
    assert client.get("/j").text.strip() == '{"ok":true}'


def test_response_json_uses_the_app_provider(target, app, client):
    """The test response decodes ``json`` with the application's JSON provider (Flask API: FlaskClient.open)."""

    class Provider(target.json.provider.DefaultJSONProvider):
        def loads(self, s, **kwargs):
            return {"decoded": super().loads(s, **kwargs)}

    app.json = Provider(app)

    @app.route("/")
    def index():
        return target.Response('{"a": 1}', mimetype="application/json")

    assert client.get("/").get_json() == {"decoded": {"a": 1}}


def test_head_request_has_no_body(target, app, client):
    """``client.head`` runs the GET view but returns an empty body with the GET's headers (Flask docs: Testing Flask Applications)."""

    @app.route("/")
    def index():
        return "content"

    response = client.head("/")

    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == "7"


def test_file_objects_given_as_data_are_closed_after_the_request(target, app, client):
    """A file object passed in the client's ``data`` is closed once the request has been made (Flask API: FlaskClient.open)."""
    import io

    @app.route("/up", methods=["POST"])
    def up():
        return target.request.files["doc"].read()

    upload = io.BytesIO(b"content")
    response = client.post("/up", data={"doc": (upload, "doc.txt")})

    assert response.data == b"content"
    assert upload.closed is True


def test_client_streams_a_generator_body_until_it_is_read(target, app, client):
    """Unless ``buffered=True`` is passed, the test client returns a streamed view's response before its generator has run past the first item; reading the body runs the rest (Flask API: FlaskClient.open)."""
    steps = []

    @app.route("/stream")
    def stream():
        def body():
            steps.append("first")
            yield "a"
            steps.append("second")
            yield "b"

        return body()

    response = client.get("/stream")
    before_reading = list(steps)
    data = response.get_data()
    response.close()

    assert before_reading == ["first"]
    assert (data, steps) == (b"ab", ["first", "second"])
