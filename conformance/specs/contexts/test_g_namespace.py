"""``g``: a namespace living as long as its application context."""

import pytest


def test_g_keeps_attributes_within_one_app_context(target, app):
    """An attribute set on ``g`` is readable for the rest of the same application context (Flask API: flask.g)."""
    with app.app_context():
        target.g.user = "ada"
        assert target.g.user == "ada"


def test_g_is_fresh_in_each_app_context(target, app):
    """A new application context starts with an empty ``g``; attributes of an earlier one are gone (Flask docs: The Application Context)."""
    with app.app_context():
        target.g.user = "ada"
    with app.app_context():
        assert "user" not in target.g
        assert list(target.g) == []


def test_g_missing_attribute_raises_attribute_error(target, app):
    """Reading or deleting an attribute ``g`` does not have raises AttributeError (Flask API: flask.g)."""
    with app.app_context():
        with pytest.raises(AttributeError):
            target.g.missing
        with pytest.raises(AttributeError):
            del target.g.missing


def test_g_get_returns_value_or_default(target, app):
    """Calling ``g.get(name)`` returns the attribute, or the default (``None`` unless given) when it is absent (Flask API: flask.g)."""
    with app.app_context():
        target.g.present = 0
        assert target.g.get("present") == 0
        assert target.g.get("present", 5) == 0
        assert target.g.get("absent") is None
        assert target.g.get("absent", "fallback") == "fallback"
        assert "absent" not in target.g


def test_g_pop_removes_and_returns(target, app):
    """Calling ``g.pop(name)`` removes and returns the attribute, returns the default when absent, and raises KeyError without one (Flask API: flask.g)."""
    with app.app_context():
        target.g.item = "value"
        assert target.g.pop("item") == "value"
        assert "item" not in target.g
        assert target.g.pop("item", "default") == "default"
        assert target.g.pop("item", None) is None
        with pytest.raises(KeyError):
            target.g.pop("item")


def test_g_setdefault_sets_only_when_absent(target, app):
    """Calling ``g.setdefault(name, value)`` sets and returns the value when absent and returns the existing value otherwise (Flask API: flask.g)."""
    with app.app_context():
        assert target.g.setdefault("count", 1) == 1
        assert target.g.count == 1
        assert target.g.setdefault("count", 2) == 1
        assert target.g.count == 1
        assert target.g.setdefault("empty") is None
        assert "empty" in target.g


def test_g_supports_in_and_iteration(target, app):
    """The test ``name in g`` tells whether an attribute is set and iterating ``g`` yields the attribute names (Flask API: flask.g)."""
    with app.app_context():
        target.g.first = 1
        target.g.second = 2
        assert "first" in target.g
        assert "third" not in target.g
        assert sorted(target.g) == ["first", "second"]
        del target.g.first
        assert "first" not in target.g
        assert list(target.g) == ["second"]


def test_g_is_fresh_for_each_request(target, app, client):
    """Each request runs in a new application context, so ``g`` set during one request is absent in the next (Flask docs: The Application Context)."""

    @app.route("/visit")
    def visit():
        seen = target.g.get("visited", False)
        target.g.visited = True
        return "seen" if seen else "new"

    assert client.get("/visit").data == b"new"
    assert client.get("/visit").data == b"new"


def test_g_set_in_before_request_reaches_the_view(target, app, client):
    """An attribute put on ``g`` in a ``before_request`` function is readable in the view of the same request (Flask API: flask.g)."""

    @app.before_request
    def load_user():
        target.g.user = "grace"

    @app.route("/me")
    def me():
        return target.g.user

    assert client.get("/me").data == b"grace"


def test_g_uses_app_ctx_globals_class(target, app):
    """The ``g`` object is an instance of the app's ``app_ctx_globals_class`` (Flask API: Flask.app_ctx_globals_class)."""

    class Globals(app.app_ctx_globals_class):
        kind = "custom"

    app.app_ctx_globals_class = Globals
    with app.app_context():
        assert isinstance(target.g._get_current_object(), Globals)
        assert target.g.kind == "custom"
