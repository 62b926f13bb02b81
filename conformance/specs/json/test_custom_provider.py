"""Custom JSON providers: ``json_provider_class``, assigning ``app.json`` and ``JSONProvider``."""

import io

import pytest


def _recording_default_provider(target, calls):
    class Provider(target.json.provider.DefaultJSONProvider):
        def dumps(self, obj, **kwargs):
            calls.append(("dumps", obj))
            return super().dumps(obj, **kwargs)

        def loads(self, s, **kwargs):
            calls.append(("loads", s))
            return super().loads(s, **kwargs)

    return Provider


def _app_with(target, provider_class):
    class App(target.Flask):
        json_provider_class = provider_class

    app = App("json_custom")
    app.config.update(TESTING=True, SECRET_KEY="json-secret")
    return app


def test_json_provider_class_builds_app_json(target):
    """A Flask subclass with ``json_provider_class`` set gets an instance of that class as ``app.json`` (Flask API: Flask.json_provider_class)."""
    provider_class = _recording_default_provider(target, [])
    app = _app_with(target, provider_class)

    assert type(app.json) is provider_class


def test_custom_provider_serialises_jsonify_and_return_values(target):
    """``jsonify`` and dict return values are serialised by the custom provider's ``dumps`` (Flask API: Flask.json_provider_class)."""
    calls = []
    app = _app_with(target, _recording_default_provider(target, calls))

    @app.route("/dict")
    def as_dict():
        return {"d": 1}

    @app.route("/jsonify")
    def as_jsonify():
        return target.jsonify(j=2)

    client = target.make_client(app)
    client.get("/dict")
    client.get("/jsonify")

    assert ("dumps", {"d": 1}) in calls
    assert ("dumps", {"j": 2}) in calls


def test_custom_provider_parses_request_json(target):
    """``request.get_json`` parses the body with the custom provider's ``loads`` (Flask API: Request.get_json)."""
    calls = []
    app = _app_with(target, _recording_default_provider(target, calls))

    @app.post("/")
    def index():
        return repr(target.request.get_json())

    response = target.make_client(app).post("/", data=b'{"q": 1}', content_type="application/json")

    assert response.data == b"{'q': 1}"
    assert ("loads", b'{"q": 1}') in calls


def test_test_client_json_argument_uses_app_provider(target):
    """The test client encodes its ``json`` argument with the application's provider (Flask API: FlaskClient)."""
    calls = []
    app = _app_with(target, _recording_default_provider(target, calls))

    @app.post("/")
    def index():
        return target.request.get_data()

    response = target.make_client(app).post("/", json={"b": 1, "a": 2})

    assert ("dumps", {"b": 1, "a": 2}) in calls
    assert response.data == b'{"a": 2, "b": 1}'


def test_session_is_serialised_through_app_provider(target):
    """The session cookie's data is written and read through the application's JSON provider (Flask API: Flask.json)."""
    calls = []
    app = _app_with(target, _recording_default_provider(target, calls))

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/get")
    def get_value():
        return str(target.session["a"])

    client = target.make_client(app)
    client.get("/set")
    assert ("dumps", {"a": 1}) in calls
    calls.clear()

    assert client.get("/get").data == b"1"
    assert ("loads", '{"a":1}') in calls


def test_assigning_app_json_replaces_the_provider(target, app, client):
    """Assigning a provider instance to ``app.json`` makes JSON responses use it (Flask API: Flask.json)."""

    class Upper(target.json.provider.DefaultJSONProvider):
        def dumps(self, obj, **kwargs):
            return super().dumps(obj, **kwargs).upper()

    app.json = Upper(app)

    @app.route("/")
    def index():
        return {"k": "v"}

    assert client.get("/").data == b'{"K":"V"}\n'


def _minimal_provider(target):
    class Minimal(target.json.provider.JSONProvider):
        def dumps(self, obj, **kwargs):
            return f"dumped:{obj!r}"

        def loads(self, s, **kwargs):
            return ("loaded", s)

    return Minimal


def test_minimal_provider_response(target, app):
    """A ``JSONProvider`` subclass defining only ``dumps`` and ``loads`` gets a ``response`` that uses ``dumps`` unchanged and the ``application/json`` mimetype (Flask API: JSONProvider.response)."""
    app.json = _minimal_provider(target)(app)

    with app.app_context():
        one = target.jsonify(1)
        several = target.jsonify(1, 2)
        named = target.jsonify(a=1)
        empty = target.jsonify()

    assert one.data == b"dumped:1"
    assert one.mimetype == "application/json"
    assert several.data == b"dumped:(1, 2)"
    assert named.data == b"dumped:{'a': 1}"
    assert empty.data == b"dumped:None"
    with pytest.raises(TypeError):
        app.json.response(1, a=2)


def test_minimal_provider_dump_and_load(target, app):
    """``JSONProvider.dump`` writes the text of ``dumps`` to the file and ``load`` passes the file's content to ``loads`` (Flask API: JSONProvider)."""
    provider = _minimal_provider(target)(app)
    written = io.StringIO()

    provider.dump([1], written)

    assert written.getvalue() == "dumped:[1]"
    assert provider.load(io.StringIO("text")) == ("loaded", "text")


def test_base_provider_requires_dumps_and_loads(target, app):
    """The base ``JSONProvider`` leaves ``dumps`` and ``loads`` unimplemented, raising ``NotImplementedError`` (Flask API: JSONProvider)."""
    provider = target.json.provider.JSONProvider(app)

    with pytest.raises(NotImplementedError):
        provider.dumps({})
    with pytest.raises(NotImplementedError):
        provider.loads("{}")
