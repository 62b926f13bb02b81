"""Contexts belong to the thread that pushed them."""

import threading


def _in_a_thread(function):
    """Run ``function`` in a new thread, wait for it, and return its result or raise its error."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_app_context_is_invisible_in_another_thread(target, app):
    """An app context pushed in one thread is not active in another thread (Flask docs: The Application Context)."""
    with app.app_context():
        seen = _in_a_thread(lambda: (target.has_app_context(), target.has_request_context()))
        assert target.has_app_context() is True
    assert seen == (False, False)


def test_request_context_is_invisible_in_another_thread(target, app):
    """A request context pushed in one thread is not active in another, where ``request`` tests false (Flask docs: The Request Context)."""
    with app.test_request_context("/main"):
        seen = _in_a_thread(lambda: (target.has_request_context(), bool(target.request)))
        assert target.request.path == "/main"
    assert seen == (False, False)


def test_context_pushed_in_a_thread_stays_there(target, app):
    """A context pushed in another thread does not become active in the thread that started it (Flask docs: The Application Context)."""
    pushed = threading.Event()
    checked = threading.Event()
    observed = []

    def worker():
        with app.test_request_context("/worker"):
            observed.append(target.request.path)
            pushed.set()
            checked.wait(timeout=5)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert pushed.wait(timeout=5)
        here = (target.has_request_context(), target.has_app_context())
    finally:
        checked.set()
        thread.join()
    assert observed == ["/worker"]
    assert here == (False, False)


def test_g_is_separate_per_thread(target, app):
    """Each thread's app context has its own ``g``; a value set in one thread is absent in another's (Flask API: flask.g)."""
    with app.app_context():
        target.g.owner = "main"

        def worker():
            with app.app_context():
                before = "owner" in target.g
                target.g.owner = "worker"
                return before, target.g.owner

        assert _in_a_thread(worker) == (False, "worker")
        assert target.g.owner == "main"


def test_request_is_separate_per_thread(target, app):
    """Two threads in their own request contexts each see their own ``request`` (Flask docs: The Request Context)."""

    def worker():
        with app.test_request_context("/thread?who=worker"):
            return target.request.path, target.request.args["who"]

    with app.test_request_context("/main?who=main"):
        assert _in_a_thread(worker) == ("/thread", "worker")
        assert target.request.path == "/main"
        assert target.request.args["who"] == "main"
