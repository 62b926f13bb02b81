"""An exception raised by a teardown function, seen from the WSGI server: the
200 is already started, the exception leaves ``wsgi_app`` whatever the
propagation setting, and the contexts are popped all the same."""

from __future__ import annotations

import pytest

from ._wsgi import NOT_PROPAGATING, PROPAGATING, Fault, configure, serve_once

ALL_CONFIGS = {**PROPAGATING, **NOT_PROPAGATING}


@pytest.mark.parametrize("config", ALL_CONFIGS.values(), ids=ALL_CONFIGS)
@pytest.mark.parametrize("kind", ["teardown_request", "teardown_appcontext"])
def test_teardown_fault_leaves_wsgi_app_after_a_200_start(target, app, kind, config):
    """An exception raised by a ``teardown_request`` or ``teardown_appcontext`` function leaves ``wsgi_app`` after ``start_response`` got ``200 OK``, in every propagation setting, with nothing logged (Flask API: Flask.do_teardown_request)."""
    fault = Fault(kind)
    configure(app, config)
    app.add_url_rule("/", "index", lambda: "index")

    def fail(error: BaseException | None) -> None:
        raise fault

    getattr(app, kind)(fail)
    outcome = serve_once(app)

    assert outcome.raised is fault
    assert outcome.statuses == ["200 OK"]
    assert outcome.chunks == []
    assert outcome.records == []
    assert not target.has_request_context() and not target.has_app_context()


def test_failing_teardown_request_skips_earlier_ones_but_not_app_teardown(target, app):
    """A raising ``teardown_request`` function stops the ones registered before it (they run later, in reverse order) while ``teardown_appcontext`` functions still run with ``None`` (Flask API: Flask.teardown_request)."""
    calls: list[tuple[str, BaseException | None]] = []
    fault = Fault("teardown_request")
    app.add_url_rule("/", "index", lambda: "index")
    app.teardown_request(lambda error: calls.append(("request registered first", error)))

    @app.teardown_request
    def fail(error: BaseException | None) -> None:
        calls.append(("failing request", error))
        raise fault

    app.teardown_appcontext(lambda error: calls.append(("appcontext", error)))
    outcome = serve_once(app)

    assert outcome.raised is fault
    assert calls == [("failing request", None), ("appcontext", None)]
    assert not target.has_request_context() and not target.has_app_context()


def test_failing_teardown_appcontext_skips_earlier_ones_after_request_teardown(target, app):
    """A raising ``teardown_appcontext`` function runs after every ``teardown_request`` function and stops the ``teardown_appcontext`` functions registered before it (Flask API: Flask.teardown_appcontext)."""
    calls: list[tuple[str, BaseException | None]] = []
    fault = Fault("teardown_appcontext")
    app.add_url_rule("/", "index", lambda: "index")
    app.teardown_appcontext(lambda error: calls.append(("appcontext registered first", error)))

    @app.teardown_appcontext
    def fail(error: BaseException | None) -> None:
        calls.append(("failing appcontext", error))
        raise fault

    app.teardown_request(lambda error: calls.append(("request", error)))
    outcome = serve_once(app)

    assert outcome.raised is fault
    assert calls == [("request", None), ("failing appcontext", None)]
    assert not target.has_request_context() and not target.has_app_context()
