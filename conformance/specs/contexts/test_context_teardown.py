"""Teardown functions run when contexts are popped."""

import pytest


def test_teardown_appcontext_runs_on_pop(target, app):
    """A ``teardown_appcontext`` function runs when the app context is popped, with ``None`` when no error occurred (Flask API: Flask.teardown_appcontext)."""
    calls = []

    @app.teardown_appcontext
    def close(exc):
        calls.append(exc)

    ctx = app.app_context()
    ctx.push()
    assert calls == []
    ctx.pop()
    assert calls == [None]


def test_teardown_appcontext_receives_the_exception_passed_to_pop(target, app):
    """The exception passed to ``AppContext.pop(exc)`` is handed to the ``teardown_appcontext`` functions (Flask API: AppContext.pop)."""
    calls = []
    error = KeyError("lost")

    @app.teardown_appcontext
    def close(exc):
        calls.append(exc)

    ctx = app.app_context()
    ctx.push()
    ctx.pop(error)
    assert calls == [error]


def test_teardown_appcontext_receives_the_with_block_exception(target, app):
    """An exception leaving a ``with app.app_context()`` block is passed to ``teardown_appcontext`` and still propagates (Flask API: Flask.teardown_appcontext)."""
    calls = []

    @app.teardown_appcontext
    def close(exc):
        calls.append(exc)

    with pytest.raises(ValueError, match="boom"):
        with app.app_context():
            raise ValueError("boom")
    assert len(calls) == 1
    assert isinstance(calls[0], ValueError)
    assert str(calls[0]) == "boom"


def test_teardown_appcontext_still_sees_the_context(target, app):
    """While ``teardown_appcontext`` functions run, ``current_app`` and ``g`` of the ending context are still available (Flask API: Flask.teardown_appcontext)."""
    seen = []

    @app.teardown_appcontext
    def close(exc):
        seen.append((target.current_app._get_current_object(), target.g.get("resource")))

    with app.app_context():
        target.g.resource = "connection"
    assert seen == [(app, "connection")]


def test_teardown_appcontext_functions_run_in_reverse_order(target, app):
    """Several ``teardown_appcontext`` functions run in the reverse order of registration (Flask API: Flask.teardown_appcontext)."""
    order = []

    @app.teardown_appcontext
    def first(exc):
        order.append("first")

    @app.teardown_appcontext
    def second(exc):
        order.append("second")

    with app.app_context():
        pass
    assert order == ["second", "first"]


def test_teardown_request_runs_on_request_context_pop(target, app):
    """A ``teardown_request`` function runs when the request context is popped, with the request still readable (Flask API: Flask.teardown_request)."""
    calls = []

    @app.teardown_request
    def close(exc):
        calls.append((exc, target.request.path))

    ctx = app.test_request_context("/closing")
    ctx.push()
    assert calls == []
    ctx.pop()
    assert calls == [(None, "/closing")]


def test_teardown_request_receives_the_exception_passed_to_pop(target, app):
    """The exception passed to ``RequestContext.pop(exc)`` reaches the ``teardown_request`` and ``teardown_appcontext`` functions (Flask API: RequestContext.pop)."""
    calls = []
    error = LookupError("gone")

    @app.teardown_request
    def close_request(exc):
        calls.append(("request", exc))

    @app.teardown_appcontext
    def close_app(exc):
        calls.append(("app", exc))

    ctx = app.test_request_context()
    ctx.push()
    ctx.pop(error)
    assert calls == [("request", error), ("app", error)]


def test_teardown_request_runs_before_teardown_appcontext(target, app):
    """Popping a request context runs its ``teardown_request`` functions before the ``teardown_appcontext`` functions of the app context it pushed (Flask docs: The Request Context)."""
    order = []

    @app.teardown_appcontext
    def close_app(exc):
        order.append("app")

    @app.teardown_request
    def close_request(exc):
        order.append("request")

    with app.test_request_context():
        pass
    assert order == ["request", "app"]


def test_teardown_request_not_run_for_an_app_context_alone(target, app):
    """Popping an app context without a request context runs ``teardown_appcontext`` but not ``teardown_request`` (Flask API: Flask.teardown_request)."""
    calls = []

    @app.teardown_request
    def close_request(exc):
        calls.append("request")

    @app.teardown_appcontext
    def close_app(exc):
        calls.append("app")

    with app.app_context():
        pass
    assert calls == ["app"]


def test_teardown_appcontext_waits_for_the_reused_app_context(target, app):
    """A request context that reused an active app context does not run ``teardown_appcontext`` on its pop; the app context's own pop does (Flask docs: The Request Context)."""
    calls = []

    @app.teardown_appcontext
    def close_app(exc):
        calls.append("app")

    with app.app_context():
        with app.test_request_context():
            pass
        assert calls == []
    assert calls == ["app"]


def test_teardown_after_a_request_through_the_client(target, app, client):
    """After a request handled without error, ``teardown_request`` and ``teardown_appcontext`` run with ``None`` (Flask API: Flask.teardown_request)."""
    calls = []

    @app.teardown_request
    def close_request(exc):
        calls.append(("request", exc))

    @app.teardown_appcontext
    def close_app(exc):
        calls.append(("app", exc))

    @app.route("/")
    def index():
        return "ok"

    assert client.get("/").data == b"ok"
    assert calls == [("request", None), ("app", None)]


def test_teardown_receives_an_unhandled_view_exception(target, app, client):
    """An unhandled exception raised by a view is passed to ``teardown_request``; with ``TESTING`` on it also propagates out of the client (Flask API: Flask.teardown_request)."""
    calls = []

    @app.teardown_request
    def close_request(exc):
        calls.append(exc)

    @app.route("/fail")
    def fail():
        raise ZeroDivisionError("in the view")

    with pytest.raises(ZeroDivisionError):
        client.get("/fail")
    assert len(calls) == 1
    assert isinstance(calls[0], ZeroDivisionError)


def test_teardown_gets_none_for_a_handled_exception(target, app, client):
    """An exception turned into a response by an error handler is not passed to ``teardown_request``, which receives ``None`` (Flask API: Flask.teardown_request)."""
    calls = []

    @app.teardown_request
    def close_request(exc):
        calls.append(exc)

    @app.errorhandler(LookupError)
    def handle(error):
        return "handled", 400

    @app.route("/handled")
    def handled():
        raise LookupError("caught")

    response = client.get("/handled")
    assert response.status_code == 400
    assert calls == [None]


def test_app_context_pop_without_argument_passes_the_exception_being_handled(app):
    """``AppContext.pop()`` called without an argument inside an ``except`` block passes the exception being handled to the ``teardown_appcontext`` functions (Flask API: AppContext.pop)."""
    seen = []
    app.teardown_appcontext(seen.append)
    error = ValueError("being handled")
    context = app.app_context()
    context.push()

    try:
        raise error
    except ValueError:
        context.pop()

    assert seen == [error]
    assert seen[0] is error


def test_do_teardown_appcontext_without_argument_passes_the_exception_being_handled(app):
    """``app.do_teardown_appcontext()`` called without an argument passes the exception currently being handled to the ``teardown_appcontext`` functions (Flask API: Flask.do_teardown_appcontext)."""
    seen = []
    app.teardown_appcontext(seen.append)
    error = KeyError("being handled")

    try:
        raise error
    except KeyError:
        app.do_teardown_appcontext()

    assert len(seen) == 1
    assert seen[0] is error


def test_request_context_pop_without_argument_passes_the_exception_being_handled(app):
    """``RequestContext.pop()`` called without an argument inside an ``except`` block passes the exception being handled to the ``teardown_request`` functions (Flask API: RequestContext.pop)."""
    seen = []
    app.teardown_request(seen.append)
    error = LookupError("being handled")
    context = app.test_request_context()
    context.push()

    try:
        raise error
    except LookupError:
        context.pop()

    assert len(seen) == 1
    assert seen[0] is error
