"""``request_started``, ``request_finished``, ``request_tearing_down`` and ``got_request_exception``."""

import pytest


def test_request_started_is_sent_with_the_request_bound(target, app, client):
    """The ``request_started`` signal is sent with the app as sender and no keyword arguments, with the request context already bound so ``request`` works in the receiver (Flask API: request_started)."""
    calls = []

    @app.route("/start", methods=["POST"])
    def start():
        return "ok"

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs, target.request.path, target.request.method))

    with target.signals.request_started.connected_to(receiver, app):
        response = client.post("/start")

    assert response.status_code == 200
    assert calls == [(app, {}, "/start", "POST")]


def test_request_started_is_sent_when_before_request_answers(target, app, client):
    """The ``request_started`` signal is sent before ``before_request`` functions run, so it is sent even when one of them returns a response instead of the view (Flask API: request_started)."""
    events = []

    @app.before_request
    def short_circuit():
        events.append("before_request")
        return "early"

    @app.route("/guarded")
    def guarded():
        events.append("view")
        return "view"

    def receiver(sender, **kwargs):
        events.append("request_started")

    with target.signals.request_started.connected_to(receiver, app):
        response = client.get("/guarded")

    assert response.data == b"early"
    assert events == ["request_started", "before_request"]


def test_request_finished_carries_the_final_response(target, app, client):
    """The ``request_finished`` signal is sent with the app as sender and the response, as changed by ``after_request`` functions, as ``response`` (Flask API: request_finished)."""
    calls = []

    @app.route("/finish")
    def finish():
        return "body", 201

    @app.after_request
    def stamp(response):
        response.headers["X-Stamped"] = "yes"
        return response

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with target.signals.request_finished.connected_to(receiver, app):
        response = client.get("/finish")

    assert len(calls) == 1
    sender, kwargs = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["response"]
    assert kwargs["response"].status_code == 201
    assert kwargs["response"].get_data() == b"body"
    assert kwargs["response"].headers["X-Stamped"] == "yes"
    assert response.headers["X-Stamped"] == "yes"


def test_request_finished_is_sent_for_a_not_found_response(target, app, client):
    """A request no rule matches still sends ``request_finished``, with the 404 response (Flask API: request_finished)."""
    statuses = []

    def receiver(sender, response, **kwargs):
        statuses.append(response.status_code)

    with target.signals.request_finished.connected_to(receiver, app):
        response = client.get("/missing")

    assert response.status_code == 404
    assert statuses == [404]


def test_request_finished_is_sent_with_the_500_response_of_an_unhandled_error(target, app, client):
    """With exceptions not propagated, an unhandled error sends ``request_finished`` with the 500 Internal Server Error response (Flask API: Flask.handle_exception)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    statuses = []

    @app.route("/fail")
    def fail():
        raise RuntimeError("broken view")

    def receiver(sender, response, **kwargs):
        statuses.append((sender, response.status_code))

    with target.signals.request_finished.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert statuses == [(app, 500)]


def test_request_finished_is_not_sent_when_the_error_propagates(target, app, client):
    """When an unhandled error propagates out of the app, as in testing mode, no response is sent and so neither is ``request_finished`` (Flask API: request_finished)."""
    calls = []

    @app.route("/fail")
    def fail():
        raise RuntimeError("broken view")

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    with (
        target.signals.request_finished.connected_to(receiver, app),
        pytest.raises(RuntimeError),
    ):
        client.get("/fail")

    assert calls == []


def test_request_tearing_down_is_sent_with_no_exception_after_success(target, app, client):
    """The ``request_tearing_down`` signal is sent once per request with the app as sender and ``exc`` set to ``None`` when nothing went wrong (Flask API: request_tearing_down)."""
    calls = []

    @app.route("/fine")
    def fine():
        return "fine"

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with target.signals.request_tearing_down.connected_to(receiver, app):
        client.get("/fine")

    assert calls == [(app, {"exc": None})]


def test_request_tearing_down_receives_the_unhandled_exception(target, app, client):
    """An unhandled error turned into a 500 response is still passed to ``request_tearing_down`` as ``exc`` (Flask API: request_tearing_down)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    error = RuntimeError("during view")
    received = []

    @app.route("/fail")
    def fail():
        raise error

    def receiver(sender, exc, **kwargs):
        received.append(exc)

    with target.signals.request_tearing_down.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert received == [error]
    assert received[0] is error


def test_request_tearing_down_is_sent_when_the_error_propagates(target, app, client):
    """The ``request_tearing_down`` signal is sent even when the error propagates out of the app, with that error as ``exc`` (Flask docs: Signals)."""
    error = KeyError("propagated")
    received = []

    @app.route("/fail")
    def fail():
        raise error

    def receiver(sender, exc, **kwargs):
        received.append((sender, exc))

    with (
        target.signals.request_tearing_down.connected_to(receiver, app),
        pytest.raises(KeyError),
    ):
        client.get("/fail")

    assert len(received) == 1
    assert received[0][0] is app
    assert received[0][1] is error


def test_request_tearing_down_gets_none_after_a_handled_error(target, app, client):
    """An exception an error handler turns into a response is not passed on: ``request_tearing_down`` gets ``exc=None`` (Flask API: Flask.do_teardown_request)."""
    received = []

    @app.errorhandler(LookupError)
    def lookup_failed(error):
        return "handled", 409

    @app.route("/lookup")
    def lookup():
        raise LookupError("missing")

    def receiver(sender, exc, **kwargs):
        received.append(exc)

    with target.signals.request_tearing_down.connected_to(receiver, app):
        response = client.get("/lookup")

    assert response.status_code == 409
    assert received == [None]


def test_request_tearing_down_is_sent_when_a_test_request_context_ends(target, app):
    """Leaving a ``test_request_context`` block tears the request down and sends ``request_tearing_down``, with the request still available to the receiver (Flask API: Flask.test_request_context)."""
    calls = []

    def receiver(sender, exc, **kwargs):
        calls.append((sender, exc, target.request.path))

    with target.signals.request_tearing_down.connected_to(receiver, app):
        with app.test_request_context("/somewhere"):
            assert calls == []
        assert calls == [(app, None, "/somewhere")]


def test_got_request_exception_is_sent_before_the_error_propagates(target, app, client):
    """An unhandled error sends ``got_request_exception`` with the app as sender and the raised object as ``exception``, even when it then propagates in testing mode (Flask API: got_request_exception)."""
    error = ValueError("bad value")
    calls = []

    @app.route("/fail")
    def fail():
        raise error

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs, target.request.path))

    with (
        target.signals.got_request_exception.connected_to(receiver, app),
        pytest.raises(ValueError),
    ):
        client.get("/fail")

    assert len(calls) == 1
    sender, kwargs, path = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["exception"]
    assert kwargs["exception"] is error
    assert path == "/fail"


def test_got_request_exception_is_sent_when_a_500_response_is_returned(target, app, client):
    """With exceptions not propagated, an unhandled error both sends ``got_request_exception`` and yields a 500 response (Flask API: Flask.handle_exception)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    received = []

    @app.route("/fail")
    def fail():
        raise ZeroDivisionError("division")

    def receiver(sender, exception, **kwargs):
        received.append((sender, type(exception)))

    with target.signals.got_request_exception.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert received == [(app, ZeroDivisionError)]


@pytest.mark.parametrize(
    ("path", "status"), [("/missing", 404), ("/forbidden", 403)], ids=["unmatched-url", "abort-403"]
)
def test_got_request_exception_is_not_sent_for_http_exceptions(target, app, client, path, status):
    """HTTP exceptions, such as a 404 for an unmatched URL or ``abort(403)``, become their error response without sending ``got_request_exception`` (Flask docs: Signals)."""
    calls = []

    @app.route("/forbidden")
    def forbidden():
        target.abort(403)

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    with target.signals.got_request_exception.connected_to(receiver, app):
        response = client.get(path)

    assert response.status_code == status
    assert calls == []


def test_got_request_exception_is_not_sent_for_an_exception_with_a_handler(target, app, client):
    """An exception handled by an error handler registered for its class does not send ``got_request_exception`` (Flask docs: Signals)."""
    calls = []

    @app.errorhandler(ValueError)
    def bad_value(error):
        return f"handled {error}", 422

    @app.route("/fail")
    def fail():
        raise ValueError("input")

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    with target.signals.got_request_exception.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 422
    assert response.data == b"handled input"
    assert calls == []


def test_got_request_exception_is_sent_even_with_a_500_handler(target, app, client):
    """An unhandled error sends ``got_request_exception`` with the original exception even when a 500 error handler then builds the response (Flask API: Flask.handle_exception)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    error = TypeError("wrong type")
    received = []

    @app.errorhandler(500)
    def server_error(e):
        return "custom 500", 500

    @app.route("/fail")
    def fail():
        raise error

    def receiver(sender, exception, **kwargs):
        received.append(exception)

    with target.signals.got_request_exception.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert response.data == b"custom 500"
    assert len(received) == 1
    assert received[0] is error


def test_got_request_exception_is_sent_for_an_error_raised_by_an_error_handler(target, app, client):
    """An exception raised from inside an error handler sends ``got_request_exception`` with that new exception (Flask docs: Signals)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    secondary = OSError("handler broke")
    received = []

    @app.errorhandler(ValueError)
    def bad_value(error):
        raise secondary

    @app.route("/fail")
    def fail():
        raise ValueError("first")

    def receiver(sender, exception, **kwargs):
        received.append(exception)

    with target.signals.got_request_exception.connected_to(receiver, app):
        response = client.get("/fail")

    assert response.status_code == 500
    assert len(received) == 1
    assert received[0] is secondary


def test_request_signals_from_a_blueprint_view_have_the_app_as_sender(target, app, client):
    """A request handled by a blueprint's view sends ``request_started`` and ``request_finished`` with the application, not the blueprint, as sender (Flask docs: Signals)."""
    senders = []
    blueprint = target.Blueprint("shop", __name__, url_prefix="/shop")

    @blueprint.route("/item")
    def item():
        return "item"

    app.register_blueprint(blueprint)

    def started(sender, **kwargs):
        senders.append(("request_started", sender))

    def finished(sender, **kwargs):
        senders.append(("request_finished", sender))

    with (
        target.signals.request_started.connected_to(started),
        target.signals.request_finished.connected_to(finished),
    ):
        response = client.get("/shop/item")

    assert response.data == b"item"
    assert senders == [("request_started", app), ("request_finished", app)]
