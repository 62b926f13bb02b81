"""The ``url_prefix`` option given when nesting a blueprint under one without a prefix."""


def test_nested_registration_url_prefix_wins_under_a_parent_without_prefix(target, app, client):
    """A child blueprint registered on a parent that has no URL prefix uses the ``url_prefix`` given to ``register_blueprint`` over its own (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__, url_prefix="/own")

    @child.route("/page")
    def page():
        return "child page"

    parent.register_blueprint(child, url_prefix="/given")
    app.register_blueprint(parent)

    assert client.get("/given/page").get_data(as_text=True) == "child page"
    assert client.get("/own/page").status_code == 404
