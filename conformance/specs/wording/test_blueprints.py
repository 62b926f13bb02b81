"""Flask's sentences for mistakes made when defining a blueprint."""

import pytest


def test_blueprint_name_with_dot_message(target):
    """A blueprint name containing a dot raises ValueError whose message is exactly Flask's sentence naming the dot (Flask API: Blueprint)."""
    with pytest.raises(ValueError) as raised:
        target.Blueprint("admin.panel", __name__)
    assert str(raised.value) == "'name' may not contain a dot '.' character."


def test_blueprint_empty_name_message(target):
    """An empty blueprint name raises ValueError whose message is exactly Flask's sentence (Flask API: Blueprint)."""
    with pytest.raises(ValueError) as raised:
        target.Blueprint("", __name__)
    assert str(raised.value) == "'name' may not be empty."


def test_blueprint_endpoint_with_dot_message(target):
    """A blueprint rule whose endpoint contains a dot raises ValueError with exactly Flask's sentence (Flask API: Blueprint.add_url_rule)."""
    blueprint = target.Blueprint("shop", __name__)
    with pytest.raises(ValueError) as raised:
        blueprint.add_url_rule("/", "cart.view", lambda: "")
    assert str(raised.value) == "'endpoint' may not contain a dot '.' character."


def test_blueprint_view_name_with_dot_message(target):
    """A blueprint view function whose ``__name__`` contains a dot raises ValueError with exactly Flask's sentence (Flask API: Blueprint.add_url_rule)."""
    blueprint = target.Blueprint("shop", __name__)

    def view():
        return ""

    view.__name__ = "cart.view"
    with pytest.raises(ValueError) as raised:
        blueprint.add_url_rule("/", view_func=view)
    assert str(raised.value) == "'view_func' name may not contain a dot '.' character."


def test_blueprint_registered_on_itself_message(target):
    """Registering a blueprint on itself raises ValueError with exactly Flask's sentence (Flask API: Blueprint.register_blueprint)."""
    blueprint = target.Blueprint("shop", __name__)
    with pytest.raises(ValueError) as raised:
        blueprint.register_blueprint(blueprint)
    assert str(raised.value) == "Cannot register a blueprint on itself"


def test_same_blueprint_registered_twice_under_one_name_message(app, target):
    """Registering the same blueprint twice under one name raises ValueError with exactly Flask's sentence calling it ``this blueprint`` (Flask API: Flask.register_blueprint)."""
    blueprint = target.Blueprint("shop", __name__)
    app.register_blueprint(blueprint)
    with pytest.raises(ValueError) as raised:
        app.register_blueprint(blueprint)
    assert str(raised.value) == (
        "The name 'shop' is already registered for this blueprint. Use 'name=' to provide a"
        " unique name."
    )


def test_another_blueprint_under_a_taken_nested_name_message(app, target):
    """A different blueprint taking a nested blueprint's dotted name raises ValueError with exactly Flask's sentence naming the short and the dotted name (Flask API: Blueprint.register_blueprint)."""
    parent = target.Blueprint("parent", __name__)
    parent.register_blueprint(target.Blueprint("child", __name__))
    parent.register_blueprint(target.Blueprint("child", __name__))
    with pytest.raises(ValueError) as raised:
        app.register_blueprint(parent)
    assert str(raised.value) == (
        "The name 'child' is already registered for a different blueprint 'parent.child'."
        " Use 'name=' to provide a unique name."
    )


def test_blueprint_setup_after_registration_message(app, target):
    """A setup method called on a blueprint already registered raises AssertionError with exactly Flask's two sentences naming the method and the blueprint (Flask API: Blueprint)."""
    blueprint = target.Blueprint("shop", __name__)
    app.register_blueprint(blueprint)
    with pytest.raises(AssertionError) as raised:
        blueprint.add_url_rule("/late", "late", lambda: "")
    assert str(raised.value) == (
        "The setup method 'add_url_rule' can no longer be called on the blueprint 'shop'. It has"
        " already been registered at least once, any changes will not be applied consistently.\n"
        "Make sure all imports, decorators, functions, etc. needed to set up the blueprint are"
        " done before registering it."
    )


def test_blueprint_send_static_file_without_static_folder_message(app, target):
    """A blueprint without a static folder raises RuntimeError from ``send_static_file`` with exactly Flask's sentence (Flask API: Blueprint.send_static_file)."""
    blueprint = target.Blueprint("shop", __name__)
    with app.test_request_context(), pytest.raises(RuntimeError) as raised:
        blueprint.send_static_file("style.css")
    assert str(raised.value) == "'static_folder' must be set to serve static_files."


def test_blueprint_open_resource_for_writing_message(target):
    """A blueprint's ``open_resource`` in a writing mode raises ValueError with exactly Flask's sentence (Flask API: Blueprint.open_resource)."""
    blueprint = target.Blueprint("shop", __name__)
    with pytest.raises(ValueError) as raised:
        blueprint.open_resource("anything.txt", "a")
    assert str(raised.value) == "Resources can only be opened for reading."
