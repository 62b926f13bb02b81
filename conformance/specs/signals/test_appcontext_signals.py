"""``appcontext_pushed``, ``appcontext_popped`` and ``appcontext_tearing_down``."""

import pytest


def test_appcontext_pushed_is_sent_when_an_app_context_is_pushed(target, app):
    """Pushing ``app.app_context()`` sends ``appcontext_pushed`` with the app as sender and no keyword arguments, and nothing before the push (Flask API: appcontext_pushed)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with target.signals.appcontext_pushed.connected_to(receiver, app):
        context = app.app_context()
        assert calls == []
        with context:
            assert calls == [(app, {})]
        assert calls == [(app, {})]


def test_appcontext_pushed_receiver_can_set_values_on_g(target, app):
    """A receiver of ``appcontext_pushed`` runs with the new context active, so values it sets on ``g`` are visible inside the context (Flask docs: Signals)."""

    def receiver(sender, **kwargs):
        target.g.user = f"user of {target.current_app.name}"

    with target.signals.appcontext_pushed.connected_to(receiver, app), app.app_context():
        assert target.g.user == f"user of {app.name}"


def test_appcontext_popped_is_sent_when_an_app_context_is_popped(target, app):
    """Leaving an ``app.app_context()`` block sends ``appcontext_popped`` with the app as sender and no keyword arguments (Flask API: appcontext_popped)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with target.signals.appcontext_popped.connected_to(receiver, app):
        with app.app_context():
            assert calls == []
        assert calls == [(app, {})]


def test_appcontext_tearing_down_is_sent_with_no_exception(target, app):
    """Leaving an app context normally sends ``appcontext_tearing_down`` with the app as sender and ``exc=None`` (Flask API: appcontext_tearing_down)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with target.signals.appcontext_tearing_down.connected_to(receiver, app):
        with app.app_context():
            assert calls == []
        assert calls == [(app, {"exc": None})]


def test_appcontext_tearing_down_receives_the_exception_leaving_the_block(target, app):
    """An exception leaving an ``app.app_context()`` block is passed to ``appcontext_tearing_down`` as ``exc`` (Flask API: Flask.do_teardown_appcontext)."""
    error = RuntimeError("left the block")
    received = []

    def receiver(sender, exc, **kwargs):
        received.append(exc)

    with target.signals.appcontext_tearing_down.connected_to(receiver, app):
        with pytest.raises(RuntimeError), app.app_context():
            raise error

    assert len(received) == 1
    assert received[0] is error


def test_appcontext_tearing_down_runs_while_the_context_is_still_active(target, app):
    """The ``appcontext_tearing_down`` signal is sent right before the app context is popped, so ``current_app`` still works in the receiver (Flask API: Flask.do_teardown_appcontext)."""
    seen = []

    def receiver(sender, **kwargs):
        seen.append((target.has_app_context(), target.current_app.name))

    with target.signals.appcontext_tearing_down.connected_to(receiver, app), app.app_context():
        pass

    assert seen == [(True, app.name)]


def test_a_request_pushes_and_pops_its_own_app_context(target, app, client):
    """Handling a request pushes an application context and pops it afterwards, sending ``appcontext_pushed`` and ``appcontext_popped`` once each (Flask docs: The Application Context)."""
    events = []

    @app.route("/ctx")
    def ctx():
        events.append("view")
        return "ctx"

    def pushed(sender, **kwargs):
        events.append(("appcontext_pushed", sender))

    def popped(sender, **kwargs):
        events.append(("appcontext_popped", sender))

    with (
        target.signals.appcontext_pushed.connected_to(pushed, app),
        target.signals.appcontext_popped.connected_to(popped, app),
    ):
        client.get("/ctx")

    assert events == [("appcontext_pushed", app), "view", ("appcontext_popped", app)]


def test_a_test_request_context_sends_app_context_signals(target, app):
    """Pushing a ``test_request_context`` with no app context active pushes one, sending ``appcontext_pushed`` on entry and ``appcontext_popped`` on exit (Flask docs: The Request Context)."""
    events = []

    def pushed(sender, **kwargs):
        events.append(("appcontext_pushed", sender))

    def popped(sender, **kwargs):
        events.append(("appcontext_popped", sender))

    with (
        target.signals.appcontext_pushed.connected_to(pushed, app),
        target.signals.appcontext_popped.connected_to(popped, app),
    ):
        with app.test_request_context():
            events.append("inside")
        events.append("outside")

    assert events == [("appcontext_pushed", app), "inside", ("appcontext_popped", app), "outside"]


def test_appcontext_tearing_down_receives_the_unhandled_request_error(target, app, client):
    """An unhandled error in a request is passed as ``exc`` to ``appcontext_tearing_down`` when the request's app context ends (Flask docs: The Application Context)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    error = LookupError("not found anywhere")
    received = []

    @app.route("/fail")
    def fail():
        raise error

    def receiver(sender, exc, **kwargs):
        received.append((sender, exc))

    with target.signals.appcontext_tearing_down.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert len(received) == 1
    assert received[0][0] is app
    assert received[0][1] is error
