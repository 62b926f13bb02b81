"""Contexts pushed inside other contexts."""


def test_nested_app_contexts_of_two_apps(target, app):
    """An app context of a second app pushed inside the first makes it ``current_app`` until popped, then the first app is current again (Flask docs: The Application Context)."""
    other = target.Flask("other_app")
    with app.app_context():
        assert target.current_app._get_current_object() is app
        with other.app_context():
            assert target.current_app._get_current_object() is other
            assert target.current_app.name == "other_app"
        assert target.current_app._get_current_object() is app


def test_nested_app_contexts_have_their_own_g(target, app):
    """A nested app context of the same app has its own empty ``g``; the outer ``g`` is back after the inner pops (Flask API: flask.g)."""
    with app.app_context():
        target.g.level = "outer"
        with app.app_context():
            assert "level" not in target.g
            target.g.level = "inner"
        assert target.g.level == "outer"


def test_request_context_pushes_an_app_context_when_none(target, app):
    """Pushing a request context with no app context active also pushes one for its app, and popping it ends both (Flask docs: The Request Context)."""
    assert target.has_app_context() is False
    with app.test_request_context():
        assert target.has_app_context() is True
        assert target.current_app._get_current_object() is app
    assert target.has_app_context() is False
    assert target.has_request_context() is False


def test_request_context_reuses_the_active_app_context_of_its_app(target, app):
    """A request context pushed inside an app context of the same app reuses it: ``g`` is shared and the app context survives the request's pop (Flask docs: The Request Context)."""
    with app.app_context():
        target.g.shared = "from the app context"
        with app.test_request_context():
            assert target.g.shared == "from the app context"
            target.g.added = "from the request"
        assert target.has_request_context() is False
        assert target.has_app_context() is True
        assert target.g.added == "from the request"


def test_request_context_of_another_app_pushes_its_own_app_context(target, app):
    """A request context pushed inside another app's context pushes its own app's context with a fresh ``g``, and popping restores the outer one (Flask docs: The Request Context)."""
    other = target.Flask("other_app")
    with other.app_context():
        target.g.owner = "other"
        with app.test_request_context():
            assert target.current_app._get_current_object() is app
            assert "owner" not in target.g
        assert target.current_app._get_current_object() is other
        assert target.g.owner == "other"


def test_app_context_inside_request_context_keeps_the_request(target, app):
    """An app context pushed inside a request context leaves ``request`` visible but gives a fresh ``g`` (Flask docs: The Application Context)."""
    with app.test_request_context("/inside"):
        target.g.outer = True
        with app.app_context():
            assert target.request.path == "/inside"
            assert "outer" not in target.g
        assert target.g.outer is True


def test_nested_request_contexts_restore_the_outer_request(target, app):
    """A request context pushed inside another makes its request current until popped, then the outer request is current again (Flask docs: The Request Context)."""
    with app.test_request_context("/outer"):
        with app.test_request_context("/inner"):
            assert target.request.path == "/inner"
        assert target.request.path == "/outer"
        assert target.has_request_context() is True
