"""An exception raised by an after_request function, an error handler, a signal
receiver or the JSON provider's ``dumps``, seen from the WSGI server: a 500
page and log records when exceptions do not propagate, the exception itself
when they do, and teardown given the exception either way."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest

from ._wsgi import NOT_PROPAGATING, PROPAGATING, Fault, configure, serve_once

EXCEPTION_ON_INDEX = "Exception on / [GET]"
ANSWER = {"answer": 42}


def _after_request(target: Any, app: Any, fault: Fault) -> contextlib.AbstractContextManager:
    @app.after_request
    def fail(response: Any) -> Any:
        raise fault

    app.add_url_rule("/", "index", lambda: "index")
    return contextlib.nullcontext()


def _error_handler(target: Any, app: Any, fault: Fault) -> contextlib.AbstractContextManager:
    @app.errorhandler(LookupError)
    def fail(error: LookupError) -> Any:
        raise fault

    @app.route("/")
    def index() -> str:
        raise LookupError("handled by a failing handler")

    return contextlib.nullcontext()


def _receiver(signal_name: str) -> Callable[[Any, Any, Fault], contextlib.AbstractContextManager]:
    def install(target: Any, app: Any, fault: Fault) -> contextlib.AbstractContextManager:
        def fail(sender: Any, **extra: Any) -> None:
            raise fault

        app.add_url_rule("/", "index", lambda: "index")
        return getattr(target, signal_name).connected_to(fail, app)

    return install


def _json_dumps(target: Any, app: Any, fault: Fault) -> contextlib.AbstractContextManager:
    class FailingProvider(target.json.provider.DefaultJSONProvider):
        def dumps(self, obj: Any, **kwargs: Any) -> str:
            # Only the view's value: the session cookie goes through dumps too.
            if obj == ANSWER:
                raise fault
            return super().dumps(obj, **kwargs)

    app.json = FailingProvider(app)
    app.add_url_rule("/", "index", lambda: dict(ANSWER))
    return contextlib.nullcontext()


#: Each fault, and how many ERROR records with it ``app.logger`` makes when it becomes a
#: 500: ``Exception on / [GET]``, then, for a fault raised again while the 500 page is
#: finalized, a second record saying finalizing failed (its sentence is the wording area's).
FAULTS = {
    "after_request": (_after_request, 2),
    "error_handler": (_error_handler, 1),
    "request_started_receiver": (_receiver("request_started"), 1),
    "request_finished_receiver": (_receiver("request_finished"), 2),
    "json_provider_dumps": (_json_dumps, 1),
}


def _teardowns(app: Any) -> list[tuple[str, BaseException | None]]:
    calls: list[tuple[str, BaseException | None]] = []
    app.teardown_request(lambda error: calls.append(("request", error)))
    app.teardown_appcontext(lambda error: calls.append(("appcontext", error)))
    return calls


@pytest.mark.parametrize("config", NOT_PROPAGATING.values(), ids=NOT_PROPAGATING)
@pytest.mark.parametrize("fault_name", FAULTS)
def test_hook_fault_not_propagated_sends_a_logged_500(target, app, fault_name, config):
    """Where exceptions do not propagate, one raised by an after_request function, an error handler, a request signal receiver or JSON ``dumps`` sends the 500 page, logs ``Exception on / [GET]`` with it and reaches teardown (Flask API: Flask.handle_exception)."""
    install, logged = FAULTS[fault_name]
    fault = Fault(fault_name)
    calls = _teardowns(configure(app, config))
    with install(target, app, fault):
        outcome = serve_once(app)

    assert outcome.raised is None
    assert outcome.statuses == ["500 INTERNAL SERVER ERROR"]
    assert b"<title>500 Internal Server Error</title>" in b"".join(outcome.chunks)
    assert [(level, raised) for level, _, raised in outcome.records] == [("ERROR", Fault)] * logged
    assert outcome.records[0][1] == EXCEPTION_ON_INDEX
    assert calls == [("request", fault), ("appcontext", fault)]
    assert not target.has_request_context() and not target.has_app_context()


@pytest.mark.parametrize("config", PROPAGATING.values(), ids=PROPAGATING)
@pytest.mark.parametrize("fault_name", FAULTS)
def test_hook_fault_propagated_leaves_the_wsgi_call_unlogged(target, app, fault_name, config):
    """Where exceptions propagate, one raised by an after_request function, an error handler, a request signal receiver or JSON ``dumps`` leaves ``wsgi_app`` before ``start_response``, logs nothing and reaches teardown (Flask API: PROPAGATE_EXCEPTIONS)."""
    install, _ = FAULTS[fault_name]
    fault = Fault(fault_name)
    calls = _teardowns(configure(app, config))
    with install(target, app, fault):
        outcome = serve_once(app)

    assert outcome.raised is fault
    assert outcome.statuses == []
    assert outcome.records == []
    assert calls == [("request", fault), ("appcontext", fault)]
    assert not target.has_request_context() and not target.has_app_context()
