"""Flask's sentences for work done outside a context, or with contexts popped out of order."""

import threading

import pytest

NO_APP_CONTEXT = (
    "Working outside of application context.\n"
    "\n"
    "This typically means that you attempted to use functionality that needed\n"
    "the current application. To solve this, set up an application context\n"
    "with app.app_context(). See the documentation for more information."
)

NO_REQUEST_CONTEXT = (
    "Working outside of request context.\n"
    "\n"
    "This typically means that you attempted to use functionality that needed\n"
    "an active HTTP request. Consult the documentation on testing for\n"
    "information about how to avoid this problem."
)


def test_current_app_outside_app_context_message(target):
    """Using ``current_app`` with no application context raises RuntimeError whose whole message is Flask's four-line explanation (Flask API: current_app)."""
    with pytest.raises(RuntimeError) as raised:
        target.current_app.name
    assert str(raised.value) == NO_APP_CONTEXT


def test_g_outside_app_context_message(target):
    """Using ``g`` with no application context raises RuntimeError whose whole message is Flask's application-context explanation (Flask API: g)."""
    with pytest.raises(RuntimeError) as raised:
        target.g.user = "ada"
    assert str(raised.value) == NO_APP_CONTEXT


def test_request_outside_request_context_message(target):
    """Using ``request`` with no request context raises RuntimeError whose whole message is Flask's four-line explanation (Flask API: request)."""
    with pytest.raises(RuntimeError) as raised:
        target.request.method
    assert str(raised.value) == NO_REQUEST_CONTEXT


def test_session_outside_request_context_message(app, target):
    """Using ``session`` in an application context but no request context raises RuntimeError whose whole message is Flask's request-context explanation (Flask API: session)."""
    with app.app_context(), pytest.raises(RuntimeError) as raised:
        target.session.get("user")
    assert str(raised.value) == NO_REQUEST_CONTEXT


def test_after_this_request_outside_a_request_message(target):
    """``after_this_request`` with no request context raises RuntimeError with exactly Flask's sentence (Flask API: after_this_request)."""
    with pytest.raises(RuntimeError) as raised:
        target.after_this_request(lambda response: response)
    assert str(raised.value) == (
        "'after_this_request' can only be used when a request context is active, such as in a"
        " view function."
    )


def test_copy_current_request_context_outside_a_request_message(target):
    """``copy_current_request_context`` with no request context raises RuntimeError with exactly Flask's sentence (Flask API: copy_current_request_context)."""
    with pytest.raises(RuntimeError) as raised:
        target.copy_current_request_context(lambda: None)
    assert str(raised.value) == (
        "'copy_current_request_context' can only be used when a request context is active, such"
        " as in a view function."
    )


def test_stream_with_context_outside_a_request_message(target):
    """``stream_with_context`` with no request context raises RuntimeError with exactly Flask's sentence (Flask API: stream_with_context)."""
    with pytest.raises(RuntimeError) as raised:
        target.stream_with_context(iter(["chunk"]))
    assert str(raised.value) == (
        "'stream_with_context' can only be used when a request context is active, such as in a"
        " view function."
    )


def _raised_in_a_thread(function):
    """Run ``function`` in a fresh thread, so a broken context stack cannot leak; return what it raised."""
    outcome = {}

    def run():
        try:
            function()
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return outcome.get("error")


def test_popping_the_wrong_app_context_message(app):
    """Popping an application context that is not the current one fails an assertion with exactly Flask's sentence holding both contexts' reprs (Flask API: AppContext.pop)."""
    outer = app.app_context()
    inner = app.app_context()

    def scenario():
        outer.push()
        inner.push()
        outer.pop()

    error = _raised_in_a_thread(scenario)
    assert type(error) is AssertionError
    assert str(error) == f"Popped wrong app context. ({inner!r} instead of {outer!r})"


def test_popping_the_wrong_request_context_message(app):
    """Popping a request context that is not the current one fails an assertion with exactly Flask's sentence holding both contexts' reprs (Flask API: RequestContext.pop)."""
    outer = app.test_request_context("/outer")
    inner = app.test_request_context("/inner")

    def scenario():
        outer.push()
        inner.push()
        outer.pop()

    error = _raised_in_a_thread(scenario)
    assert type(error) is AssertionError
    assert str(error) == f"Popped wrong request context. ({inner!r} instead of {outer!r})"


def test_session_of_an_unpushed_request_context_message(app):
    """Reading ``RequestContext.session`` before the context is pushed fails an assertion with exactly Flask's sentence (Flask API: RequestContext.session)."""
    context = app.test_request_context()
    with pytest.raises(AssertionError) as raised:
        context.session
    assert str(raised.value) == "The session has not yet been opened."
