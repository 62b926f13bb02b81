"""The order in which one request sends its signals."""

from contextlib import ExitStack

REQUEST_SIGNALS = (
    "appcontext_pushed",
    "request_started",
    "got_request_exception",
    "request_finished",
    "request_tearing_down",
    "appcontext_tearing_down",
    "appcontext_popped",
)


def _record_all(target, app, stack, events):
    """Connect one receiver per request signal that appends the signal's attribute name."""
    for name in REQUEST_SIGNALS:

        def receiver(sender, _name=name, **kwargs):
            events.append(_name)

        stack.enter_context(getattr(target.signals, name).connected_to(receiver, app))


def test_signals_of_a_successful_request_come_in_order(target, app, client):
    """A successful request sends ``appcontext_pushed``, ``request_started`` before ``before_request``, ``request_finished`` after ``after_request``, then ``request_tearing_down``, ``appcontext_tearing_down`` and last ``appcontext_popped`` (Flask docs: Signals)."""
    events = []

    @app.before_request
    def before():
        events.append("before_request")

    @app.route("/order")
    def order():
        events.append("view")
        return "ok"

    @app.after_request
    def after(response):
        events.append("after_request")
        return response

    with ExitStack() as stack:
        _record_all(target, app, stack, events)
        response = client.get("/order")

    assert response.status_code == 200
    assert events == [
        "appcontext_pushed",
        "request_started",
        "before_request",
        "view",
        "after_request",
        "request_finished",
        "request_tearing_down",
        "appcontext_tearing_down",
        "appcontext_popped",
    ]


def test_signals_of_a_failed_request_come_in_order(target, app, client):
    """A request whose view raises an unhandled error, with exceptions not propagated, sends ``got_request_exception`` after the view and before ``request_finished``, the teardown signals and ``appcontext_popped`` (Flask docs: Signals)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    events = []

    @app.route("/order")
    def order():
        events.append("view")
        raise RuntimeError("order")

    with ExitStack() as stack:
        _record_all(target, app, stack, events)
        response = client.get("/order")

    assert response.status_code == 500
    assert events == [
        "appcontext_pushed",
        "request_started",
        "view",
        "got_request_exception",
        "request_finished",
        "request_tearing_down",
        "appcontext_tearing_down",
        "appcontext_popped",
    ]


def test_request_teardown_signal_precedes_app_context_teardown_signal(target, app):
    """Leaving a request context sends ``request_tearing_down`` before ``appcontext_tearing_down``, since the request context is popped before its app context (Flask docs: The Request Context)."""
    events = []

    def request_teardown(sender, **kwargs):
        events.append("request_tearing_down")

    def app_teardown(sender, **kwargs):
        events.append("appcontext_tearing_down")

    with (
        target.signals.request_tearing_down.connected_to(request_teardown, app),
        target.signals.appcontext_tearing_down.connected_to(app_teardown, app),
    ):
        with app.test_request_context():
            events.append("inside")

    assert events == ["inside", "request_tearing_down", "appcontext_tearing_down"]
