"""Blueprints bound to a subdomain of ``SERVER_NAME``."""


def _subdomain_app(target):
    app = target.make_app("subdomain_app", subdomain_matching=True)
    app.config.update(TESTING=True, SERVER_NAME="example.test")
    return app


def test_blueprint_subdomain_matches_only_that_host(target):
    """A blueprint created with ``subdomain=`` answers on that subdomain of ``SERVER_NAME`` and not on the bare server name (Flask API: Blueprint)."""
    app = _subdomain_app(target)
    bp = target.Blueprint("api", __name__, subdomain="api")

    @bp.route("/ping")
    def ping():
        return "pong"

    app.register_blueprint(bp)
    client = target.make_client(app)
    assert client.get("/ping", base_url="http://api.example.test").data == b"pong"
    assert client.get("/ping", base_url="http://example.test").status_code == 404


def test_register_subdomain_wins_over_blueprint_subdomain(target):
    """The ``subdomain`` passed to ``register_blueprint`` replaces the one given to the blueprint (Flask API: Flask.register_blueprint)."""
    app = _subdomain_app(target)
    bp = target.Blueprint("api", __name__, subdomain="api")

    @bp.route("/ping")
    def ping():
        return "pong"

    app.register_blueprint(bp, subdomain="v2")
    client = target.make_client(app)
    assert client.get("/ping", base_url="http://v2.example.test").data == b"pong"
    assert client.get("/ping", base_url="http://api.example.test").status_code == 404


def test_url_for_builds_an_external_url_for_another_subdomain(target):
    """Calling ``url_for`` for a subdomain blueprint's endpoint, built outside that subdomain, gives an absolute URL on the subdomain (Flask API: flask.url_for)."""
    app = _subdomain_app(target)
    bp = target.Blueprint("api", __name__, subdomain="api")

    @bp.route("/ping")
    def ping():
        return "pong"

    app.register_blueprint(bp)
    with app.test_request_context("/", base_url="http://example.test"):
        assert target.url_for("api.ping") == "http://api.example.test/ping"


def test_nested_subdomains_are_joined_child_first(target):
    """A nested blueprint's subdomain is prefixed to its parent's, so child ``c`` in parent ``p`` answers on ``c.p.<SERVER_NAME>`` (Flask docs: Nesting Blueprints)."""
    app = _subdomain_app(target)
    parent = target.Blueprint("parent", __name__, subdomain="p")
    child = target.Blueprint("child", __name__, subdomain="c")

    @child.route("/where")
    def where():
        return "child"

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client = target.make_client(app)
    assert client.get("/where", base_url="http://c.p.example.test").data == b"child"
    assert client.get("/where", base_url="http://c.example.test").status_code == 404
    assert client.get("/where", base_url="http://p.example.test").status_code == 404


def test_nested_blueprint_inherits_parent_subdomain(target):
    """A nested blueprint without a subdomain of its own answers on its parent's subdomain (Flask docs: Nesting Blueprints)."""
    app = _subdomain_app(target)
    parent = target.Blueprint("parent", __name__, subdomain="p")
    child = target.Blueprint("child", __name__)

    @child.route("/where")
    def where():
        return "child"

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client = target.make_client(app)
    assert client.get("/where", base_url="http://p.example.test").data == b"child"
    assert client.get("/where", base_url="http://example.test").status_code == 404
