"""Registering blueprints: names, endpoints, repeated registration and setup rules."""

import pytest


def test_endpoint_is_prefixed_with_blueprint_name(target, app, client):
    """A view registered on a blueprint gets the endpoint ``<blueprint name>.<function name>`` (Flask docs: Blueprints)."""
    bp = target.Blueprint("shop", __name__)

    @bp.route("/cart")
    def cart():
        return target.request.endpoint

    app.register_blueprint(bp)
    assert client.get("/cart").data == b"shop.cart"
    assert "shop.cart" in app.view_functions
    assert "cart" not in app.view_functions


def test_explicit_endpoint_is_prefixed_too(target, app):
    """An explicit ``endpoint=`` on a blueprint route is also prefixed with the blueprint's name (Flask API: Blueprint.add_url_rule)."""
    bp = target.Blueprint("shop", __name__)
    bp.add_url_rule("/cart", endpoint="basket", view_func=lambda: "basket")
    app.register_blueprint(bp)
    with app.test_request_context():
        assert target.url_for("shop.basket") == "/cart"


def test_routes_appear_only_once_registered(target, app):
    """Routes declared on a blueprint are added to an application only when the blueprint is registered on it (Flask docs: Blueprints)."""
    bp = target.Blueprint("late", __name__)

    @bp.route("/late")
    def late():
        return "late"

    client = target.make_client(app)
    assert "late.late" not in app.view_functions
    app.register_blueprint(bp)
    assert client.get("/late").data == b"late"


def test_app_blueprints_maps_names_to_blueprints(target, app):
    """The ``app.blueprints`` dict maps each registered name, nested ones dotted, to its blueprint object (Flask API: Flask.blueprints)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert app.blueprints["parent"] is parent
    assert app.blueprints["parent.child"] is child
    assert "child" not in app.blueprints


def test_same_blueprint_under_two_names(target, app, client):
    """One blueprint registered twice with different ``name=`` serves its routes under both prefixes with endpoints named after each name (Flask API: Flask.register_blueprint)."""
    bp = target.Blueprint("pages", __name__)

    @bp.route("/about")
    def about():
        return target.request.endpoint

    app.register_blueprint(bp, url_prefix="/one")
    app.register_blueprint(bp, url_prefix="/two", name="second")
    assert client.get("/one/about").data == b"pages.about"
    assert client.get("/two/about").data == b"second.about"
    assert app.blueprints["second"] is bp


def test_registering_twice_under_same_name_raises(target, app):
    """Registering the same blueprint a second time without a new ``name=`` raises ``ValueError`` (Flask API: Flask.register_blueprint)."""
    bp = target.Blueprint("pages", __name__)
    app.register_blueprint(bp)
    with pytest.raises(ValueError):
        app.register_blueprint(bp, url_prefix="/again")


def test_two_blueprints_with_one_name_raise(target, app):
    """Registering a different blueprint under a name already taken raises ``ValueError`` (Flask API: Flask.register_blueprint)."""
    app.register_blueprint(target.Blueprint("pages", __name__))
    with pytest.raises(ValueError):
        app.register_blueprint(target.Blueprint("pages", __name__), url_prefix="/other")


def test_same_nested_name_under_different_parents_is_allowed(target, app, client):
    """Two blueprints with the same name nested under different parents register without conflict, as ``a.item`` and ``b.item`` (Flask docs: Nesting Blueprints)."""
    first = target.Blueprint("a", __name__, url_prefix="/a")
    second = target.Blueprint("b", __name__, url_prefix="/b")
    for parent in (first, second):
        item = target.Blueprint("item", __name__)
        item.add_url_rule("/x", "x", lambda: target.request.endpoint)
        parent.register_blueprint(item)
    app.register_blueprint(first)
    app.register_blueprint(second)
    assert client.get("/a/x").data == b"a.item.x"
    assert client.get("/b/x").data == b"b.item.x"


def test_blueprint_name_with_dot_raises(target):
    """Creating a blueprint whose name contains a dot raises ``ValueError`` (Flask API: Blueprint)."""
    with pytest.raises(ValueError):
        target.Blueprint("admin.users", __name__)


def test_empty_blueprint_name_raises(target):
    """Creating a blueprint with an empty name raises ``ValueError`` (Flask API: Blueprint)."""
    with pytest.raises(ValueError):
        target.Blueprint("", __name__)


def test_endpoint_with_dot_raises(target):
    """Calling ``Blueprint.add_url_rule`` with an endpoint containing a dot raises ``ValueError`` (Flask API: Blueprint.add_url_rule)."""
    bp = target.Blueprint("bp", __name__)
    with pytest.raises(ValueError):
        bp.add_url_rule("/x", endpoint="a.b", view_func=lambda: "x")


def test_view_function_name_with_dot_raises(target):
    """Calling ``Blueprint.add_url_rule`` with a view function whose ``__name__`` contains a dot raises ``ValueError`` (Flask API: Blueprint.add_url_rule)."""
    bp = target.Blueprint("bp", __name__)

    def view():
        return "x"

    view.__name__ = "dotted.view"
    with pytest.raises(ValueError):
        bp.add_url_rule("/x", view_func=view)


def test_blueprint_cannot_be_registered_on_itself(target):
    """Calling ``Blueprint.register_blueprint`` with the blueprint itself raises ``ValueError`` (Flask API: Blueprint.register_blueprint)."""
    bp = target.Blueprint("bp", __name__)
    with pytest.raises(ValueError):
        bp.register_blueprint(bp)


def test_one_blueprint_on_two_applications(target):
    """A blueprint can be registered on several applications, each serving its routes (Flask docs: Blueprints)."""
    bp = target.Blueprint("shared", __name__)

    @bp.route("/shared")
    def shared():
        return target.current_app.name

    first = target.make_app("first_app")
    second = target.make_app("second_app")
    first.register_blueprint(bp)
    second.register_blueprint(bp, url_prefix="/s")
    assert target.make_client(first).get("/shared").data == b"first_app"
    assert target.make_client(second).get("/s/shared").data == b"second_app"


def test_register_after_first_request_raises(target, app, client):
    """Registering a blueprint after the application handled its first request raises ``AssertionError`` (Flask API: Flask.register_blueprint)."""

    @app.route("/")
    def index():
        return "index"

    client.get("/")
    with pytest.raises(AssertionError):
        app.register_blueprint(target.Blueprint("late", __name__))


def test_adding_route_to_registered_blueprint_raises(target, app):
    """Adding a route to a blueprint already registered on an application raises ``AssertionError`` (Flask docs: Blueprints)."""
    bp = target.Blueprint("bp", __name__)
    app.register_blueprint(bp)
    with pytest.raises(AssertionError):
        bp.add_url_rule("/late", "late", lambda: "late")


def test_adding_hook_to_registered_blueprint_raises(target, app):
    """Adding a ``before_request`` function to a blueprint already registered raises ``AssertionError`` (Flask API: Blueprint.before_request)."""
    bp = target.Blueprint("bp", __name__)
    app.register_blueprint(bp)
    with pytest.raises(AssertionError):
        bp.before_request(lambda: None)
