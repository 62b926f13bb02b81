"""URL value preprocessors, URL defaults and relative endpoints inside blueprints."""


def _language_blueprint(target):
    bp = target.Blueprint("lang", __name__, url_prefix="/<lang_code>")
    bp.add_url_rule("/page", "page", lambda: f"lang:{target.g.get('lang_code')}")
    return bp


def test_url_value_preprocessor_runs_only_for_own_routes(target, app, client):
    """A blueprint's ``url_value_preprocessor`` sees and may pop the values of its own routes and is not called for other routes (Flask API: Blueprint.url_value_preprocessor)."""
    bp = _language_blueprint(target)
    calls = []

    @bp.url_value_preprocessor
    def pull(endpoint, values):
        calls.append(endpoint)
        target.g.lang_code = values.pop("lang_code")

    app.add_url_rule("/top/<name>", "top", lambda name: f"top:{name}")
    app.register_blueprint(bp)
    assert client.get("/de/page").data == b"lang:de"
    assert client.get("/top/x").data == b"top:x"
    assert calls == ["lang.page"]


def test_app_url_value_preprocessor_runs_for_every_route(target, app, client):
    """A blueprint's ``app_url_value_preprocessor`` is called for the application's routes as well as its own (Flask API: Blueprint.app_url_value_preprocessor)."""
    bp = target.Blueprint("bp", __name__)
    calls = []
    bp.app_url_value_preprocessor(lambda endpoint, values: calls.append((endpoint, values)))
    bp.add_url_rule("/in", "inside", lambda: "in")
    app.add_url_rule("/top/<name>", "top", lambda name: name)
    app.register_blueprint(bp)
    client.get("/in")
    client.get("/top/x")
    assert calls == [("bp.inside", {}), ("top", {"name": "x"})]


def test_url_defaults_fill_only_own_endpoints(target, app):
    """A blueprint's ``url_defaults`` function fills values when building its own endpoints and is not called for others (Flask API: Blueprint.url_defaults)."""
    bp = _language_blueprint(target)
    calls = []

    @bp.url_defaults
    def add_language(endpoint, values):
        calls.append(endpoint)
        values.setdefault("lang_code", "fr")

    app.add_url_rule("/top", "top", lambda: "top")
    app.register_blueprint(bp)
    with app.test_request_context():
        assert target.url_for("lang.page") == "/fr/page"
        assert target.url_for("top") == "/top"
    assert calls == ["lang.page"]


def test_app_url_defaults_fill_every_endpoint(target, app):
    """A blueprint's ``app_url_defaults`` function fills values when building any endpoint of the application (Flask API: Blueprint.app_url_defaults)."""
    bp = target.Blueprint("bp", __name__)

    @bp.app_url_defaults
    def add_version(endpoint, values):
        values.setdefault("version", "v9")

    app.add_url_rule("/<version>/top", "top", lambda version: version)
    app.register_blueprint(bp)
    with app.test_request_context():
        assert target.url_for("top") == "/v9/top"


def test_relative_endpoint_resolves_within_current_blueprint(target, app, client):
    """Inside a blueprint request, ``url_for('.name')`` names an endpoint of the same blueprint (Flask API: flask.url_for)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/bp")
    bp.add_url_rule("/a", "a", lambda: target.url_for(".b"))
    bp.add_url_rule("/b", "b", lambda: "b")
    app.add_url_rule("/b", "b", lambda: "app b")
    app.register_blueprint(bp)
    assert client.get("/bp/a").data == b"/bp/b"


def test_relative_endpoint_outside_blueprint_names_app_endpoint(target, app, client):
    """In a request to an application view, ``url_for('.name')`` names the application-level endpoint ``name`` (Flask API: flask.url_for)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/bp")
    bp.add_url_rule("/b", "b", lambda: "b")
    app.add_url_rule("/a", "a", lambda: target.url_for(".b"))
    app.add_url_rule("/b", "b", lambda: "app b")
    app.register_blueprint(bp)
    assert client.get("/a").data == b"/b"


def test_relative_endpoint_in_nested_blueprint(target, app, client):
    """Inside a nested blueprint's request, ``url_for('.name')`` resolves to the innermost blueprint's endpoint (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__, url_prefix="/p")
    child = target.Blueprint("child", __name__, url_prefix="/c")
    child.add_url_rule("/a", "a", lambda: target.url_for(".b"))
    child.add_url_rule("/b", "b", lambda: "child b")
    parent.add_url_rule("/b", "b", lambda: "parent b")
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/p/c/a").data == b"/p/c/b"


def test_relative_endpoint_follows_registration_name(target, app, client):
    """For a blueprint registered under two names, ``url_for('.name')`` builds the URL of the registration serving the request (Flask API: Flask.register_blueprint)."""
    bp = target.Blueprint("pages", __name__)
    bp.add_url_rule("/a", "a", lambda: target.url_for(".b"))
    bp.add_url_rule("/b", "b", lambda: "b")
    app.register_blueprint(bp, url_prefix="/one")
    app.register_blueprint(bp, url_prefix="/two", name="two")
    assert client.get("/one/a").data == b"/one/b"
    assert client.get("/two/a").data == b"/two/b"
