"""Pushing and popping the application context."""


def test_app_context_binds_current_app_to_the_app(target, app):
    """Inside ``with app.app_context()``, ``current_app._get_current_object()`` is the app itself (Flask API: Flask.app_context)."""
    with app.app_context():
        assert target.current_app._get_current_object() is app
        assert target.current_app.name == app.name


def test_app_context_with_block_ends_the_context(target, app):
    """The function ``has_app_context()`` is true inside a ``with app.app_context()`` block and false once it ends (Flask API: has_app_context)."""
    assert target.has_app_context() is False
    with app.app_context():
        assert target.has_app_context() is True
    assert target.has_app_context() is False


def test_app_context_push_and_pop_by_hand(target, app):
    """An app context pushed with ``.push()`` stays active until ``.pop()`` is called (Flask docs: The Application Context)."""
    ctx = app.app_context()
    ctx.push()
    try:
        assert target.current_app._get_current_object() is app
        assert target.has_app_context() is True
    finally:
        ctx.pop()
    assert target.has_app_context() is False


def test_app_context_alone_is_no_request_context(target, app):
    """An application context on its own gives ``has_request_context()`` false (Flask API: has_request_context)."""
    with app.app_context():
        assert target.has_app_context() is True
        assert target.has_request_context() is False


def test_app_context_with_statement_yields_the_context(target, app):
    """The statement ``with app.app_context() as ctx`` binds ``ctx`` to the context, whose ``g`` is the current ``g`` (Flask API: AppContext)."""
    with app.app_context() as ctx:
        ctx.g.marker = "set through the context"
        assert target.g.marker == "set through the context"


def test_app_context_pushed_twice_stays_until_popped_twice(target, app):
    """The same app context pushed twice stays active after one pop and ends after the second (Flask API: AppContext.pop)."""
    ctx = app.app_context()
    ctx.push()
    ctx.push()
    try:
        ctx.pop()
        assert target.current_app._get_current_object() is app
    finally:
        ctx.pop()
    assert target.has_app_context() is False


def test_app_context_proxies_are_truthy_only_inside(target, app):
    """The ``current_app`` proxy tests false outside an application context and true inside one (Flask API: has_app_context)."""
    assert not target.current_app
    with app.app_context():
        assert target.current_app
    assert not target.current_app


def test_app_context_pushed_and_popped_signals(target, app):
    """Pushing an app context sends ``appcontext_pushed`` and popping it sends ``appcontext_popped``, each with the app as sender (Flask API: appcontext_pushed)."""
    seen = []

    def pushed(sender, **extra):
        seen.append(("pushed", sender))

    def popped(sender, **extra):
        seen.append(("popped", sender))

    target.appcontext_pushed.connect(pushed, app)
    target.appcontext_popped.connect(popped, app)
    try:
        with app.app_context():
            assert seen == [("pushed", app)]
    finally:
        target.appcontext_pushed.disconnect(pushed, app)
        target.appcontext_popped.disconnect(popped, app)
    assert seen == [("pushed", app), ("popped", app)]
