"""``message_flashed``."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("signals_flash"))
def test_flash_sends_message_flashed(target, app, given, expected):
    """Calling ``flash`` sends ``message_flashed`` with the app as sender and the message and category as ``message`` and ``category``, the category defaulting to ``"message"`` (Flask API: message_flashed)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with (
        target.signals.message_flashed.connected_to(receiver, app),
        app.test_request_context(),
    ):
        target.flash(*given["args"], **given["kwargs"])

    assert calls == [(app, expected)]


def test_message_flashed_passes_the_message_object_unchanged(target, app):
    """The ``message`` sent with ``message_flashed`` is the very object given to ``flash``, not a string copy of it (Flask API: flash)."""
    received = []
    message = {"text": "structured", "level": 3}

    def receiver(sender, message, category, **kwargs):
        received.append(message)

    with (
        target.signals.message_flashed.connected_to(receiver, app),
        app.test_request_context(),
    ):
        target.flash(message, "info")

    assert len(received) == 1
    assert received[0] is message


def test_each_flash_in_a_view_sends_one_signal_in_order(target, app, client):
    """Every ``flash`` call made by a view sends its own ``message_flashed`` during the request, in the order of the calls (Flask docs: Message Flashing)."""
    received = []

    @app.route("/save")
    def save():
        target.flash("first")
        target.flash("second", "error")
        return "saved"

    def receiver(sender, message, category, **kwargs):
        received.append((sender, message, category, target.request.path))

    with target.signals.message_flashed.connected_to(receiver, app):
        response = client.get("/save")

    assert response.data == b"saved"
    assert received == [
        (app, "first", "message", "/save"),
        (app, "second", "error", "/save"),
    ]
