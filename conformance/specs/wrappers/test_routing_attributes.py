"""``request.endpoint``, ``url_rule``, ``view_args``, ``routing_exception`` and ``blueprint``."""

from werkzeug.exceptions import MethodNotAllowed, NotFound


def _record_in_errorhandler(app, target, code, seen):
    @app.errorhandler(code)
    def handler(error):
        request = target.request
        seen.update(
            endpoint=request.endpoint,
            url_rule=request.url_rule,
            view_args=request.view_args,
            blueprint=request.blueprint,
            blueprints=request.blueprints,
            routing_exception=request.routing_exception,
        )
        return "handled", code


def test_matched_request_exposes_rule_endpoint_and_view_args(target, app, client):
    """For a matched URL, ``request.url_rule`` is the rule, ``endpoint`` its endpoint, ``view_args`` the converted values and ``routing_exception`` is ``None`` (Flask API: Request.url_rule)."""

    @app.route("/item/<int:n>", methods=["GET", "POST"])
    def item(n):
        request = target.request
        return {
            "rule": request.url_rule.rule,
            "methods": sorted(request.url_rule.methods),
            "endpoint": request.endpoint,
            "view_args": request.view_args,
            "routing_exception": repr(request.routing_exception),
        }

    assert client.get("/item/4").get_json() == {
        "rule": "/item/<int:n>",
        "methods": ["GET", "HEAD", "OPTIONS", "POST"],
        "endpoint": "item",
        "view_args": {"n": 4},
        "routing_exception": "None",
    }


def test_unmatched_request_has_no_rule(target, app, client):
    """When no rule matches, ``endpoint``, ``url_rule`` and ``view_args`` are ``None``, ``blueprint`` is ``None`` and ``routing_exception`` is the ``NotFound`` (Flask API: Request.routing_exception)."""
    seen = {}
    _record_in_errorhandler(app, target, 404, seen)

    assert client.get("/nowhere").status_code == 404
    assert seen["endpoint"] is None
    assert seen["url_rule"] is None
    assert seen["view_args"] is None
    assert seen["blueprint"] is None
    assert seen["blueprints"] == []
    assert isinstance(seen["routing_exception"], NotFound)


def test_wrong_method_request_has_no_rule(target, app, client):
    """A request whose method a rule does not allow has no ``url_rule`` and carries a ``MethodNotAllowed`` listing the valid methods (Flask API: Request.url_rule)."""

    @app.route("/only-post", methods=["POST"])
    def only_post():
        return "posted"

    seen = {}
    _record_in_errorhandler(app, target, 405, seen)

    assert client.get("/only-post").status_code == 405
    assert seen["url_rule"] is None
    assert seen["endpoint"] is None
    assert isinstance(seen["routing_exception"], MethodNotAllowed)
    assert "POST" in seen["routing_exception"].valid_methods


def test_blueprint_attribute_uses_the_registered_name(target, app, client):
    """``request.blueprint`` is the name a blueprint was registered under, which ``name=`` can change (Flask API: Request.blueprint)."""
    bp = target.Blueprint("shop", __name__)

    @bp.route("/where")
    def where():
        return f"{target.request.blueprint}|{target.request.endpoint}"

    app.register_blueprint(bp, url_prefix="/a")
    app.register_blueprint(bp, url_prefix="/b", name="store")

    assert client.get("/a/where").data == b"shop|shop.where"
    assert client.get("/b/where").data == b"store|store.where"


def test_endpoint_is_none_before_matching(target, app):
    """A ``Request`` built directly from an environ, never matched, has no ``endpoint`` or ``blueprint`` (Flask API: Request.endpoint)."""
    request = target.Request.from_values("/x")

    assert request.endpoint is None
    assert request.blueprint is None
    assert request.view_args is None
