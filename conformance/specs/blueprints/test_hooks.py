"""Request hooks: blueprint-local ones versus the ``*_app_*`` ones that run for every request."""


def _app_with_blueprint(target, app, bp):
    @bp.route("/inside")
    def inside():
        return "inside"

    @app.route("/outside")
    def outside():
        return "outside"

    app.register_blueprint(bp, url_prefix="/bp")
    return target.make_client(app)


def test_before_request_runs_only_for_own_routes(target, app):
    """A blueprint's ``before_request`` function runs before its own views and not before the application's (Flask API: Blueprint.before_request)."""
    bp = target.Blueprint("bp", __name__)
    seen = []
    bp.before_request(lambda: seen.append(target.request.path))
    client = _app_with_blueprint(target, app, bp)
    client.get("/bp/inside")
    client.get("/outside")
    assert seen == ["/bp/inside"]


def test_before_app_request_runs_for_every_request(target, app):
    """A blueprint's ``before_app_request`` function runs before every request of the application (Flask API: Blueprint.before_app_request)."""
    bp = target.Blueprint("bp", __name__)
    seen = []
    bp.before_app_request(lambda: seen.append(target.request.path))
    client = _app_with_blueprint(target, app, bp)
    client.get("/bp/inside")
    client.get("/outside")
    client.get("/missing")
    assert seen == ["/bp/inside", "/outside", "/missing"]


def test_before_request_return_value_short_circuits_own_views(target, app):
    """A value returned by a blueprint's ``before_request`` becomes the response of its views, leaving other views alone (Flask API: Blueprint.before_request)."""
    bp = target.Blueprint("bp", __name__)
    bp.before_request(lambda: ("blocked", 403))
    client = _app_with_blueprint(target, app, bp)
    blocked = client.get("/bp/inside")
    assert (blocked.status_code, blocked.data) == (403, b"blocked")
    assert client.get("/outside").data == b"outside"


def test_after_request_runs_only_for_own_routes(target, app):
    """A blueprint's ``after_request`` function processes responses of its own views only (Flask API: Blueprint.after_request)."""
    bp = target.Blueprint("bp", __name__)

    @bp.after_request
    def tag(response):
        response.headers["X-Blueprint"] = "yes"
        return response

    client = _app_with_blueprint(target, app, bp)
    assert client.get("/bp/inside").headers.get("X-Blueprint") == "yes"
    assert "X-Blueprint" not in client.get("/outside").headers


def test_after_app_request_runs_for_every_request(target, app):
    """A blueprint's ``after_app_request`` function processes the response of every request, including 404s (Flask API: Blueprint.after_app_request)."""
    bp = target.Blueprint("bp", __name__)

    @bp.after_app_request
    def tag(response):
        response.headers["X-Everywhere"] = "yes"
        return response

    client = _app_with_blueprint(target, app, bp)
    assert client.get("/bp/inside").headers.get("X-Everywhere") == "yes"
    assert client.get("/outside").headers.get("X-Everywhere") == "yes"
    assert client.get("/missing").headers.get("X-Everywhere") == "yes"


def test_teardown_request_runs_only_for_own_routes(target, app):
    """A blueprint's ``teardown_request`` function runs at the end of its own requests only (Flask API: Blueprint.teardown_request)."""
    bp = target.Blueprint("bp", __name__)
    seen = []
    bp.teardown_request(lambda exc: seen.append(target.request.path))
    client = _app_with_blueprint(target, app, bp)
    client.get("/bp/inside")
    client.get("/outside")
    assert seen == ["/bp/inside"]


def test_teardown_app_request_runs_for_every_request(target, app):
    """A blueprint's ``teardown_app_request`` function runs at the end of every request (Flask API: Blueprint.teardown_app_request)."""
    bp = target.Blueprint("bp", __name__)
    seen = []
    bp.teardown_app_request(lambda exc: seen.append(target.request.path))
    client = _app_with_blueprint(target, app, bp)
    client.get("/bp/inside")
    client.get("/outside")
    assert seen == ["/bp/inside", "/outside"]


def test_before_hooks_run_app_then_parent_then_child(target, app, client):
    """Before a nested blueprint's view, the application's ``before_request`` runs first, then the parent's, then the child's (Flask docs: Nesting Blueprints)."""
    order = []
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    app.before_request(lambda: order.append("app"))
    parent.before_request(lambda: order.append("parent"))
    child.before_request(lambda: order.append("child"))
    child.add_url_rule("/leaf", "leaf", lambda: "leaf")
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client.get("/leaf")
    assert order == ["app", "parent", "child"]


def test_after_hooks_run_child_then_parent_then_app(target, app, client):
    """After a nested blueprint's view, the child's ``after_request`` runs first, then the parent's, then the application's (Flask docs: Nesting Blueprints)."""
    order = []

    def recorder(name):
        def hook(response):
            order.append(name)
            return response

        return hook

    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    app.after_request(recorder("app"))
    parent.after_request(recorder("parent"))
    child.after_request(recorder("child"))
    child.add_url_rule("/leaf", "leaf", lambda: "leaf")
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client.get("/leaf")
    assert order == ["child", "parent", "app"]


def test_parent_hooks_do_not_run_for_sibling_app_routes(target, app, client):
    """A parent blueprint's ``before_request`` runs for its nested child's views but not for application views (Flask docs: Nesting Blueprints)."""
    seen = []
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    parent.before_request(lambda: seen.append(target.request.endpoint))
    child.add_url_rule("/leaf", "leaf", lambda: "leaf")
    app.add_url_rule("/top", "top", lambda: "top")
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client.get("/leaf")
    client.get("/top")
    assert seen == ["parent.child.leaf"]


def test_local_hook_applies_under_every_registered_name(target, app, client):
    """A blueprint registered under two names runs its ``before_request`` for the routes of both registrations (Flask API: Flask.register_blueprint)."""
    seen = []
    bp = target.Blueprint("pages", __name__)
    bp.before_request(lambda: seen.append(target.request.blueprint))
    bp.add_url_rule("/p", "p", lambda: "p")
    app.register_blueprint(bp, url_prefix="/one")
    app.register_blueprint(bp, url_prefix="/two", name="two")
    client.get("/one/p")
    client.get("/two/p")
    assert seen == ["pages", "two"]


def test_app_hook_registered_once_for_repeated_registration(target, app, client):
    """A ``before_app_request`` function of a blueprint registered under two names still runs once per request (Flask API: Blueprint.before_app_request)."""
    seen = []
    bp = target.Blueprint("pages", __name__)
    bp.before_app_request(lambda: seen.append(target.request.path))
    app.add_url_rule("/top", "top", lambda: "top")
    app.register_blueprint(bp, url_prefix="/one")
    app.register_blueprint(bp, url_prefix="/two", name="two")
    client.get("/top")
    assert seen == ["/top"]
