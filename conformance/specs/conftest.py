"""Fixtures every spec may use, all built from the ``target`` fixture.

``app`` is a fresh application per spec (never shared), rooted in
``fixtures/apps/basic`` so it has templates and static files; it runs with
``TESTING`` on and a ``SECRET_KEY`` set, as an application under test does.
"""

from __future__ import annotations

import pytest

from conformance.evidence import OFF, Recorder, RecordingClient
from conformance.paths import APPS_DIR
from conformance.plugin import evidence_wanted, recorder_key

BASIC_APP_ROOT = APPS_DIR / "basic"
SECRET_KEY = "conformance-secret"


@pytest.fixture
def app(request, target):
    """A fresh application of the target, testing on, with a secret key.

    Unless ``--evidence off``, a recorder listens to the target's signals
    while the spec runs (see conformance/evidence.py); the plugin turns what
    it saw into the evidence of a failing spec.
    """
    app = target.make_app("conformance_app", root_path=str(BASIC_APP_ROOT))
    app.config.update(TESTING=True, SECRET_KEY=SECRET_KEY)
    if request.config.getoption("conformance_evidence", OFF) == OFF:
        yield app
        return
    recorder = Recorder(target)
    request.node.stash[recorder_key] = recorder
    recorder.connect_signals()
    try:
        yield app
    finally:
        recorder.finish(keep=evidence_wanted(request.node))


@pytest.fixture
def client(request, target, app):
    """The target's test client for ``app``, keeping each response for the evidence."""
    client = target.make_client(app)
    recorder = request.node.stash.get(recorder_key, None)
    return client if recorder is None else RecordingClient(client, app, recorder)


@pytest.fixture(autouse=True)
def no_context_left_behind(request):
    """Fail a spec that leaves an application or request context pushed.

    The leaked contexts are popped before the failure is reported, so one
    leaking spec does not fail every spec that runs after it.
    """
    yield
    if "target" not in request.fixturenames:
        return
    target = request.getfixturevalue("target")
    try:
        leaked = target.has_app_context() or target.has_request_context()
    except AttributeError:  # the target lacks the names; its specs fail on their own
        return
    if leaked:
        _pop_leaked_contexts(target)
    assert not leaked, "the spec left an application or request context pushed"


def _pop_leaked_contexts(target) -> None:
    for has_context, proxy_name in (
        (target.has_request_context, "request_ctx"),
        (target.has_app_context, "app_ctx"),
    ):
        for _ in range(100):
            if not has_context():
                break
            try:
                getattr(target.globals, proxy_name).pop()
            except Exception:
                break
