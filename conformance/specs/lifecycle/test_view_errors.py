"""What runs when a view raises, and the exception teardown functions receive."""

from contextlib import ExitStack

import pytest


def _production_app(target):
    app = target.make_app("conformance_production")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    return app


def _record(app, log):
    app.before_request(lambda: log.append(("before_request", None)))
    app.after_request(lambda response: log.append(("after_request", None)) or response)
    app.teardown_request(lambda exc: log.append(("teardown_request", exc)))
    app.teardown_appcontext(lambda exc: log.append(("teardown_appcontext", exc)))


def test_teardown_functions_receive_none_after_success(app, client):
    """After a request that raised nothing, ``teardown_request`` and ``teardown_appcontext`` functions receive None (Flask API: Flask.teardown_request)."""
    log = []
    _record(app, log)
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == [
        ("before_request", None),
        ("after_request", None),
        ("teardown_request", None),
        ("teardown_appcontext", None),
    ]


def test_propagated_exception_skips_after_request_and_reaches_teardown(app, client):
    """When a view's exception propagates (testing mode), ``after_request`` does not run and both teardown kinds receive that exception (Flask API: Flask.teardown_request)."""
    log = []
    error = LookupError("missing")
    _record(app, log)

    @app.route("/")
    def view():
        raise error

    with pytest.raises(LookupError) as raised:
        client.get("/")
    assert raised.value is error
    assert log == [
        ("before_request", None),
        ("teardown_request", error),
        ("teardown_appcontext", error),
    ]


def test_unhandled_exception_outside_testing_becomes_500_and_reaches_teardown(target):
    """Outside testing an unhandled view exception gives a 500 response, ``after_request`` processes it and teardown functions receive the original exception (Flask API: Flask.handle_exception)."""
    app = _production_app(target)
    log = []
    error = LookupError("missing")
    _record(app, log)

    @app.route("/")
    def view():
        raise error

    response = target.make_client(app).get("/")
    assert response.status_code == 500
    assert log == [
        ("before_request", None),
        ("after_request", None),
        ("teardown_request", error),
        ("teardown_appcontext", error),
    ]


def test_handled_exception_gives_teardown_none(app, client):
    """When an error handler handles a view's exception, ``after_request`` runs and teardown functions receive None (Flask API: Flask.teardown_request)."""
    log = []
    _record(app, log)
    app.register_error_handler(LookupError, lambda e: ("handled", 409))

    @app.route("/")
    def view():
        raise LookupError("missing")

    response = client.get("/")
    assert response.status_code == 409
    assert log == [
        ("before_request", None),
        ("after_request", None),
        ("teardown_request", None),
        ("teardown_appcontext", None),
    ]


def test_exception_in_before_request_skips_the_view_and_reaches_error_handler(app, client):
    """An exception raised by a ``before_request`` function skips later ``before_request`` functions and the view and goes to the error handlers (Flask API: Flask.errorhandler)."""
    log = []

    @app.before_request
    def fail():
        raise LookupError("early")

    app.before_request(lambda: log.append("second before_request"))
    app.register_error_handler(LookupError, lambda e: (f"handled {e.args[0]}", 400))

    @app.route("/")
    def view():
        log.append("view")
        return "view"

    response = client.get("/")
    assert response.status_code == 400
    assert response.data == b"handled early"
    assert log == []


def test_after_this_request_from_a_failing_view_runs_on_the_error_response(target, app, client):
    """A function the view gave to ``after_this_request`` before raising still runs on the response produced by the error handler (Flask API: after_this_request)."""
    app.register_error_handler(LookupError, lambda e: ("handled", 400))

    @app.route("/")
    def view():
        @target.after_this_request
        def tag(response):
            response.headers["X-Once"] = "1"
            return response

        raise LookupError("late")

    response = client.get("/")
    assert response.status_code == 400
    assert response.headers["X-Once"] == "1"


def test_teardown_signals_carry_the_exception(target, app, client):
    """The ``request_tearing_down`` and ``appcontext_tearing_down`` signals are sent with the unhandled exception as ``exc`` (Flask API: request_tearing_down)."""
    seen = []
    error = LookupError("missing")

    @app.route("/")
    def view():
        raise error

    def on_request(sender, exc=None, **extra):
        seen.append(("request_tearing_down", exc))

    def on_appcontext(sender, exc=None, **extra):
        seen.append(("appcontext_tearing_down", exc))

    with ExitStack() as stack:
        stack.enter_context(target.signals.request_tearing_down.connected_to(on_request, app))
        stack.enter_context(target.signals.appcontext_tearing_down.connected_to(on_appcontext, app))
        with pytest.raises(LookupError):
            client.get("/")
    assert seen == [("request_tearing_down", error), ("appcontext_tearing_down", error)]


def test_request_finished_is_not_sent_when_the_exception_propagates(target, app, client):
    """When a view's exception propagates, ``request_started`` is sent but ``request_finished`` is not (Flask API: request_finished)."""
    seen = []

    @app.route("/")
    def view():
        raise LookupError("missing")

    with ExitStack() as stack:
        for name in ("request_started", "request_finished"):
            stack.enter_context(
                getattr(target.signals, name).connected_to(
                    lambda sender, _name=name, **extra: seen.append(_name), app
                )
            )
        with pytest.raises(LookupError):
            client.get("/")
    assert seen == ["request_started"]


def test_got_request_exception_is_sent_only_for_unhandled_exceptions(target):
    """The ``got_request_exception`` signal is sent with the exception when no handler handles it, and not when an error handler does (Flask API: got_request_exception)."""
    app = _production_app(target)
    seen = []
    app.register_error_handler(KeyError, lambda e: ("handled", 400))

    @app.route("/handled")
    def handled():
        raise KeyError("k")

    @app.route("/unhandled")
    def unhandled():
        raise LookupError("l")

    def receiver(sender, exception, **extra):
        seen.append(type(exception).__name__)

    client = target.make_client(app)
    with target.signals.got_request_exception.connected_to(receiver, app):
        assert client.get("/handled").status_code == 400
        assert client.get("/unhandled").status_code == 500
    assert seen == ["LookupError"]


def test_exception_in_app_context_block_reaches_teardown_appcontext(app):
    """An exception leaving a ``with app.app_context()`` block is passed to ``teardown_appcontext`` functions (Flask API: Flask.teardown_appcontext)."""
    seen = []
    error = LookupError("inside")
    app.teardown_appcontext(lambda exc: seen.append(exc))

    with pytest.raises(LookupError):
        with app.app_context():
            raise error
    assert seen == [error]
