"""``copy_current_request_context``: carrying a request into later or threaded work."""

import threading

import pytest


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


def test_copied_context_is_seen_in_a_thread(target, app):
    """A function wrapped with ``copy_current_request_context`` and run in another thread sees the request of the context it was wrapped in (Flask API: copy_current_request_context)."""
    with app.test_request_context("/work?job=7"):

        @target.copy_current_request_context
        def work():
            return target.has_request_context(), target.request.path, target.request.args["job"]

        seen = _in_a_thread(work)
    assert seen == (True, "/work", "7")


def test_copied_context_is_seen_after_the_request_ends(target, app):
    """A function wrapped with ``copy_current_request_context`` still sees the request and current app when called after the original context was popped (Flask API: copy_current_request_context)."""
    with app.test_request_context("/later", method="POST"):

        @target.copy_current_request_context
        def later():
            return (
                target.request.path,
                target.request.method,
                target.current_app._get_current_object(),
            )

    assert target.has_request_context() is False
    assert later() == ("/later", "POST", app)
    assert target.has_request_context() is False


def test_copied_context_includes_the_session(target, app):
    """The copied request context carries the current session, including changes made before wrapping (Flask API: copy_current_request_context)."""
    with app.test_request_context():
        target.session["user"] = "ada"

        @target.copy_current_request_context
        def read_session():
            return target.session.get("user")

    assert read_session() == "ada"


def test_copied_function_passes_arguments_and_result(target, app):
    """A function wrapped with ``copy_current_request_context`` receives its call arguments and returns its result (Flask API: copy_current_request_context)."""
    with app.test_request_context("/sum"):

        @target.copy_current_request_context
        def add(a, b, *, scale=1):
            return (a + b) * scale, target.request.path

    assert add(2, 3, scale=10) == (50, "/sum")


def test_copy_current_request_context_needs_a_request(target, app):
    """Calling ``copy_current_request_context`` with no active request context raises RuntimeError (Flask API: copy_current_request_context)."""

    def work():
        return "never"

    with pytest.raises(RuntimeError):
        target.copy_current_request_context(work)
    with app.app_context():
        with pytest.raises(RuntimeError):
            target.copy_current_request_context(work)


def test_copied_context_in_a_view(target, app, client):
    """Inside a view, a function wrapped with ``copy_current_request_context`` and run in a thread sees the view's request (Flask API: copy_current_request_context)."""

    @app.route("/spawn")
    def spawn():
        @target.copy_current_request_context
        def background():
            return target.request.args.get("name")

        return _in_a_thread(background)

    assert client.get("/spawn?name=grace").data == b"grace"
