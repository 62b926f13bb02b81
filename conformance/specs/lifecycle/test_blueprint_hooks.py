"""How app hooks and the hooks of nested blueprints interleave."""

import pytest


def _record_hooks(scaffold, tag, log):
    scaffold.url_value_preprocessor(lambda endpoint, values: log.append(f"preprocess:{tag}"))
    scaffold.before_request(lambda: log.append(f"before:{tag}"))

    def after(response):
        log.append(f"after:{tag}")
        return response

    scaffold.after_request(after)
    scaffold.teardown_request(lambda exc: log.append(f"teardown:{tag}"))


def _nested(target, app, log):
    parent = target.Blueprint("parent", "conformance_parent", url_prefix="/parent")
    child = target.Blueprint("child", "conformance_child", url_prefix="/child")

    @child.route("/view")
    def child_view():
        log.append("view:child")
        return "child"

    @parent.route("/view")
    def parent_view():
        log.append("view:parent")
        return "parent"

    @app.route("/view")
    def app_view():
        log.append("view:app")
        return "app"

    _record_hooks(child, "child", log)
    _record_hooks(parent, "parent", log)
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    _record_hooks(app, "app", log)
    return parent, child


def test_nested_blueprint_view_runs_app_then_outer_then_inner_hooks(target, app, client):
    """For a view of a nested blueprint, preprocessors and ``before_request`` run app, parent, child; ``after_request`` and ``teardown_request`` run child, parent, app (Flask docs: Nesting Blueprints)."""
    log = []
    _nested(target, app, log)

    assert client.get("/parent/child/view").data == b"child"
    assert log == [
        "preprocess:app",
        "preprocess:parent",
        "preprocess:child",
        "before:app",
        "before:parent",
        "before:child",
        "view:child",
        "after:child",
        "after:parent",
        "after:app",
        "teardown:child",
        "teardown:parent",
        "teardown:app",
    ]


def test_parent_blueprint_view_does_not_run_child_blueprint_hooks(target, app, client):
    """A view of the outer blueprint runs the app's and its own hooks but none of a nested blueprint's (Flask docs: Nesting Blueprints)."""
    log = []
    _nested(target, app, log)

    assert client.get("/parent/view").data == b"parent"
    assert log == [
        "preprocess:app",
        "preprocess:parent",
        "before:app",
        "before:parent",
        "view:parent",
        "after:parent",
        "after:app",
        "teardown:parent",
        "teardown:app",
    ]


def test_app_view_runs_no_blueprint_hooks(target, app, client):
    """A view registered on the app itself runs only app hooks, not blueprint hooks (Flask API: Blueprint.before_request)."""
    log = []
    _nested(target, app, log)

    assert client.get("/view").data == b"app"
    assert log == [
        "preprocess:app",
        "before:app",
        "view:app",
        "after:app",
        "teardown:app",
    ]


def test_blueprint_hooks_do_not_run_for_unmatched_url_under_its_prefix(target, app, client):
    """A request under a blueprint's URL prefix that matches no rule runs only app hooks, since no blueprint handles it (Flask API: Request.blueprints)."""
    log = []
    _nested(target, app, log)

    assert client.get("/parent/child/missing").status_code == 404
    assert log == ["preprocess:app", "before:app", "after:app", "teardown:app"]


def test_sibling_blueprint_hooks_do_not_run(target, app, client):
    """Hooks of one blueprint do not run for views of another blueprint (Flask API: Blueprint.before_request)."""
    log = []
    first = target.Blueprint("first", "conformance_first", url_prefix="/first")
    second = target.Blueprint("second", "conformance_second", url_prefix="/second")
    first.before_request(lambda: log.append("before:first"))
    second.before_request(lambda: log.append("before:second"))
    first.add_url_rule("/", "index", lambda: "first")
    second.add_url_rule("/", "index", lambda: "second")
    app.register_blueprint(first)
    app.register_blueprint(second)

    assert client.get("/second/").data == b"second"
    assert log == ["before:second"]


def test_blueprint_app_wide_hooks_run_for_app_views(target, app, client):
    """The ``before_app_request``, ``after_app_request`` and ``teardown_app_request`` functions of a blueprint run for views outside it (Flask API: Blueprint.before_app_request)."""
    log = []
    blueprint = target.Blueprint("hooks", "conformance_hooks")
    blueprint.before_app_request(lambda: log.append("before_app_request"))
    blueprint.after_app_request(lambda response: log.append("after_app_request") or response)
    blueprint.teardown_app_request(lambda exc: log.append("teardown_app_request"))
    app.register_blueprint(blueprint)
    app.add_url_rule("/", "index", lambda: "ok")

    assert client.get("/").data == b"ok"
    assert log == ["before_app_request", "after_app_request", "teardown_app_request"]


def test_blueprint_app_wide_before_request_takes_its_place_among_app_functions(target, app, client):
    """A blueprint's ``before_app_request`` function joins the app's ``before_request`` functions when the blueprint is registered, after those added earlier (Flask API: Blueprint.before_app_request)."""
    log = []
    blueprint = target.Blueprint("hooks", "conformance_hooks")
    blueprint.before_app_request(lambda: log.append("blueprint"))
    app.before_request(lambda: log.append("app-1"))
    app.register_blueprint(blueprint)
    app.before_request(lambda: log.append("app-2"))
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["app-1", "blueprint", "app-2"]


def test_app_before_request_return_value_skips_blueprint_before_request(target, app, client):
    """When an app ``before_request`` function returns a value, the blueprint's ``before_request`` functions and view do not run but its ``after_request`` does (Flask API: Flask.preprocess_request)."""
    log = []
    blueprint = target.Blueprint("shop", "conformance_shop", url_prefix="/shop")
    blueprint.before_request(lambda: log.append("before:blueprint"))
    blueprint.after_request(lambda response: log.append("after:blueprint") or response)

    @blueprint.route("/")
    def index():
        log.append("view")
        return "view"

    app.register_blueprint(blueprint)
    app.before_request(lambda: "closed")

    assert client.get("/shop/").data == b"closed"
    assert log == ["after:blueprint"]


def test_blueprint_teardown_receives_exception_before_app_teardown(target, app, client):
    """When a blueprint view raises, the blueprint's ``teardown_request`` functions receive the exception before the app's do (Flask API: Flask.do_teardown_request)."""
    seen = []
    blueprint = target.Blueprint("broken", "conformance_broken")
    blueprint.teardown_request(lambda exc: seen.append(("blueprint", type(exc).__name__)))

    @blueprint.route("/boom")
    def boom():
        raise LookupError("boom")

    app.register_blueprint(blueprint)
    app.teardown_request(lambda exc: seen.append(("app", type(exc).__name__)))

    with pytest.raises(LookupError):
        client.get("/boom")
    assert seen == [("blueprint", "LookupError"), ("app", "LookupError")]
