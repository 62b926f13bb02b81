"""A streamed body that fails after its first chunk, and a client that leaves
after the first chunk (the server closes the WSGI iterable), for a plain
generator and for one wrapped in ``stream_with_context``: what the server
sees, what the generator sees, and how often teardown runs with what."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._wsgi import NOT_PROPAGATING, PROPAGATING, Fault, configure, serve_once

ALL_CONFIGS = {**PROPAGATING, **NOT_PROPAGATING}


def _streaming_app(target: Any, app: Any, *, keep_context: bool, fault: Fault | None):
    """``/`` streams ``one``, then raises ``fault`` (or yields ``two``); the
    returned list records teardown calls and what the generator saw."""
    events: list[tuple[Any, ...]] = []
    app.teardown_request(lambda error: events.append(("teardown_request", error)))
    app.teardown_appcontext(lambda error: events.append(("teardown_appcontext", error)))

    @app.route("/")
    def index() -> Any:
        def body() -> Iterator[str]:
            try:
                yield "one"
                if fault is not None:
                    raise fault
                yield "two"
            except GeneratorExit:
                events.append(("closed", target.has_request_context()))
                raise
            finally:
                events.append(("finally", target.has_request_context()))

        return target.stream_with_context(body()) if keep_context else body()

    return events


@pytest.mark.parametrize("config", ALL_CONFIGS.values(), ids=ALL_CONFIGS)
@pytest.mark.parametrize("keep_context", [False, True], ids=["generator", "stream_with_context"])
def test_stream_fault_after_first_chunk_reaches_the_server_unlogged(
    target, app, keep_context, config
):
    """An exception a streamed body raises after its first chunk reaches the server reading it, after ``200 OK`` and that chunk, in every propagation setting and unlogged (Flask docs: Streaming Contents)."""
    fault = Fault("stream")
    configure(app, config)
    _streaming_app(target, app, keep_context=keep_context, fault=fault)
    outcome = serve_once(app)

    assert outcome.raised is fault
    assert outcome.statuses == ["200 OK"]
    assert outcome.chunks == [b"one"]
    assert outcome.records == []
    assert not target.has_request_context() and not target.has_app_context()


def test_plain_generator_fault_is_not_given_to_teardown(target, app):
    """Teardown of a plain generator response runs once, with ``None``, before the body fails, and the generator's ``finally`` runs outside the request (Flask docs: Streaming Contents)."""
    fault = Fault("stream")
    events = _streaming_app(target, app, keep_context=False, fault=fault)
    serve_once(app)

    assert events == [
        ("teardown_request", None),
        ("teardown_appcontext", None),
        ("finally", False),
    ]


def test_stream_with_context_fault_reaches_a_second_teardown(target, app):
    """Under ``stream_with_context`` teardown runs with ``None`` when the view returns, and again with the exception the body raised, after its ``finally`` ran inside the request (Flask API: stream_with_context)."""
    fault = Fault("stream")
    events = _streaming_app(target, app, keep_context=True, fault=fault)
    serve_once(app)

    assert events == [
        ("teardown_request", None),
        ("teardown_appcontext", None),
        ("finally", True),
        ("teardown_request", fault),
        ("teardown_appcontext", fault),
    ]


@pytest.mark.parametrize("config", ALL_CONFIGS.values(), ids=ALL_CONFIGS)
def test_client_leaving_mid_stream_closes_a_plain_generator(target, app, config):
    """When the server closes the iterable after the first chunk, a plain generator is closed outside the request, after its only teardown ran with ``None``, and nothing is logged (Flask docs: Streaming Contents)."""
    configure(app, config)
    events = _streaming_app(target, app, keep_context=False, fault=None)
    outcome = serve_once(app, chunks_wanted=1)

    assert outcome.raised is None
    assert outcome.statuses == ["200 OK"]
    assert outcome.chunks == [b"one"]
    assert outcome.records == []
    assert events == [
        ("teardown_request", None),
        ("teardown_appcontext", None),
        ("closed", False),
        ("finally", False),
    ]
    assert not target.has_request_context() and not target.has_app_context()


@pytest.mark.parametrize("config", ALL_CONFIGS.values(), ids=ALL_CONFIGS)
def test_client_leaving_mid_stream_closes_stream_with_context_in_the_request(target, app, config):
    """When the server closes a ``stream_with_context`` iterable after the first chunk, the generator is closed inside the request, then teardown runs a second time with a ``GeneratorExit`` (Flask API: stream_with_context)."""
    configure(app, config)
    events = _streaming_app(target, app, keep_context=True, fault=None)
    outcome = serve_once(app, chunks_wanted=1)

    assert outcome.raised is None
    assert outcome.statuses == ["200 OK"]
    assert outcome.chunks == [b"one"]
    assert outcome.records == []
    assert events[:4] == [
        ("teardown_request", None),
        ("teardown_appcontext", None),
        ("closed", True),
        ("finally", True),
    ]
    assert [(name, type(error)) for name, error in events[4:]] == [
        ("teardown_request", GeneratorExit),
        ("teardown_appcontext", GeneratorExit),
    ]
    assert not target.has_request_context() and not target.has_app_context()
