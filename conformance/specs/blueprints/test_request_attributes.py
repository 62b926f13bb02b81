"""What the request knows about the blueprint that handles it."""


def test_request_blueprint_names_the_handling_blueprint(target, app, client):
    """The ``request.blueprint`` attribute is the registered name of the blueprint whose view handles the request (Flask API: Request.blueprint)."""
    bp = target.Blueprint("shop", __name__)
    bp.add_url_rule("/cart", "cart", lambda: target.request.blueprint)
    app.register_blueprint(bp)
    app.register_blueprint(bp, url_prefix="/b", name="branch")
    assert client.get("/cart").data == b"shop"
    assert client.get("/b/cart").data == b"branch"


def test_request_blueprint_is_none_for_app_views(target, app, client):
    """In an application view ``request.blueprint`` is ``None`` and ``request.blueprints`` is empty (Flask API: Request.blueprint)."""
    app.register_blueprint(target.Blueprint("shop", __name__))
    app.add_url_rule(
        "/top",
        "top",
        lambda: repr((target.request.blueprint, list(target.request.blueprints))),
    )
    assert client.get("/top").data == b"(None, [])"


def test_request_blueprints_lists_innermost_first(target, app, client):
    """In a nested blueprint's view, ``request.blueprints`` lists the dotted names from the innermost blueprint out to the top-level one (Flask API: Request.blueprints)."""
    outer = target.Blueprint("outer", __name__)
    middle = target.Blueprint("middle", __name__)
    inner = target.Blueprint("inner", __name__)
    inner.add_url_rule("/deep", "deep", lambda: ",".join(target.request.blueprints))
    middle.register_blueprint(inner)
    outer.register_blueprint(middle)
    app.register_blueprint(outer)
    assert client.get("/deep").data == b"outer.middle.inner,outer.middle,outer"


def test_request_blueprint_and_endpoint_of_nested_view(target, app, client):
    """In a nested blueprint's view, ``request.blueprint`` is the dotted ``parent.child`` and ``request.endpoint`` is ``parent.child.view`` (Flask API: Request.endpoint)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)

    @child.route("/view")
    def view():
        return f"{target.request.blueprint}|{target.request.endpoint}"

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/view").data == b"parent.child|parent.child.view"
