"""Where a blueprint's rules end up: URL prefixes, given on the blueprint or at registration."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("blueprints_url_prefixes"))
def test_url_prefix_is_joined_to_the_rule(target, app, client, given, expected):
    """A blueprint rule is served under the URL prefix, the ``register_blueprint`` prefix winning over the blueprint's, joined with exactly one slash (Flask API: Blueprint)."""
    bp = target.Blueprint("bp", __name__, url_prefix=given["blueprint_prefix"])

    @bp.route(given["rule"])
    def view():
        return "prefixed"

    options = {}
    if given["register_prefix"] is not None:
        options["url_prefix"] = given["register_prefix"]
    app.register_blueprint(bp, **options)

    response = client.get(expected)
    assert response.status_code == 200
    assert response.data == b"prefixed"
    with app.test_request_context():
        assert target.url_for("bp.view") == expected


def test_rule_is_not_served_without_its_prefix(target, app, client):
    """A blueprint rule registered with a URL prefix does not also answer at the unprefixed path (Flask docs: Blueprints)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/admin")

    @bp.route("/users")
    def users():
        return "users"

    app.register_blueprint(bp)
    assert client.get("/users").status_code == 404
    assert client.get("/admin/users").status_code == 200


@pytest.mark.parametrize(("given", "expected"), cases("blueprints_nested_prefixes"))
def test_nested_prefixes_combine(target, app, client, given, expected):
    """A nested blueprint's rules are served under the parent's prefix followed by the child's, the child's registration prefix winning over its own (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__, url_prefix=given["parent_prefix"])
    child = target.Blueprint("child", __name__, url_prefix=given["child_prefix"])

    @child.route("/view")
    def view():
        return "nested"

    options = {}
    if given["child_register_prefix"] is not None:
        options["url_prefix"] = given["child_register_prefix"]
    parent.register_blueprint(child, **options)
    app.register_blueprint(parent)

    response = client.get(expected)
    assert response.status_code == 200
    assert response.data == b"nested"
    with app.test_request_context():
        assert target.url_for("parent.child.view") == expected


def test_blueprint_url_defaults_reach_the_view(target, app, client):
    """Values in a blueprint's ``url_defaults`` are passed to its views as keyword arguments (Flask API: Blueprint)."""
    bp = target.Blueprint("bp", __name__, url_defaults={"lang": "en"})

    @bp.route("/hello")
    def hello(lang):
        return f"hello:{lang}"

    app.register_blueprint(bp)
    assert client.get("/hello").data == b"hello:en"


def test_register_url_defaults_update_the_blueprint_defaults(target, app, client):
    """The ``url_defaults`` given to ``register_blueprint`` are merged over the blueprint's own, key by key (Flask API: Flask.register_blueprint)."""
    bp = target.Blueprint("bp", __name__, url_defaults={"lang": "en", "region": "us"})

    @bp.route("/hello")
    def hello(lang, region):
        return f"{lang}-{region}"

    app.register_blueprint(bp, url_defaults={"lang": "fr"})
    assert client.get("/hello").data == b"fr-us"


def test_route_defaults_win_over_blueprint_url_defaults(target, app, client):
    """A route's own ``defaults`` take precedence over the blueprint's ``url_defaults`` for the same key (Flask API: Blueprint.add_url_rule)."""
    bp = target.Blueprint("bp", __name__, url_defaults={"page": 1})

    @bp.route("/list", defaults={"page": 5})
    def listing(page):
        return f"page:{page}"

    app.register_blueprint(bp)
    assert client.get("/list").data == b"page:5"
