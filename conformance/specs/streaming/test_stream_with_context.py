"""``stream_with_context``: keeping the request context while the body streams."""

import pytest


def test_wrapped_generator_sees_the_request(target, app, client):
    """A generator wrapped in ``stream_with_context`` can use ``request`` after the view returned (Flask API: stream_with_context)."""

    @app.route("/greet")
    def greet():
        def generate():
            yield "Hello "
            yield target.request.args["name"]
            yield "!"

        return target.Response(target.stream_with_context(generate()))

    response = client.get("/greet?name=Ada", buffered=False)

    assert list(response.response) == [b"Hello ", b"Ada", b"!"]
    response.close()


def test_decorator_form_on_a_generator_function(target, app, client):
    """Used as a decorator, ``stream_with_context`` makes a generator function whose generators keep the request context (Flask API: stream_with_context)."""

    @app.route("/path/<word>")
    def path(word):
        @target.stream_with_context
        def generate(suffix):
            yield target.request.path
            yield suffix

        return generate(word.upper())

    assert client.get("/path/abc").data == b"/path/abcABC"


def test_decorator_keeps_the_function_name(target):
    """The function returned by decorating with ``stream_with_context`` keeps the generator function's name and docstring (Flask API: stream_with_context)."""

    def produce_rows():
        """Yield rows."""
        yield ""

    wrapped = target.stream_with_context(produce_rows)

    assert wrapped.__name__ == "produce_rows"
    assert wrapped.__doc__ == "Yield rows."


def test_session_and_g_are_available(target, app, client):
    """``g`` and ``session`` set during the request stay usable inside a ``stream_with_context`` generator (Flask API: stream_with_context)."""

    @app.route("/ctx")
    def ctx():
        target.g.user = "ada"
        target.session["theme"] = "dark"

        @target.stream_with_context
        def generate():
            yield target.g.user
            yield ":"
            yield target.session["theme"]

        return generate()

    assert client.get("/ctx").data == b"ada:dark"


def test_outside_a_request_raises_runtime_error(target, app):
    """Wrapping a generator with ``stream_with_context`` when no request context is active raises ``RuntimeError`` at once (Flask API: stream_with_context)."""
    with app.app_context(), pytest.raises(RuntimeError):
        target.stream_with_context(iter(["a"]))


def test_any_iterable_can_be_wrapped(target, app, client):
    """``stream_with_context`` also wraps a plain iterable such as a list, streaming its items (Flask API: stream_with_context)."""
    app.add_url_rule("/list", "list", lambda: target.stream_with_context(["x", "y", "z"]))

    response = client.get("/list", buffered=False)

    assert list(response.response) == [b"x", b"y", b"z"]
    response.close()


def test_wrapped_generator_outlives_its_context_block(target, app):
    """A generator wrapped inside a ``test_request_context`` block still sees that request when iterated after the block ended (Flask API: stream_with_context)."""
    with app.test_request_context("/?q=kept"):
        stream = target.stream_with_context(iter_args(target))

    assert not target.has_request_context()
    assert list(stream) == ["kept"]
    assert not target.has_request_context()


def iter_args(target):
    yield target.request.args["q"]


def test_teardown_runs_after_the_wrapped_generator_ends(target, app, client):
    """With ``stream_with_context``, ``teardown_request`` functions run again once the generator is exhausted, after its last chunk (Flask API: stream_with_context)."""
    log = []

    @app.teardown_request
    def teardown(error):
        log.append("teardown")

    @app.route("/stream")
    def stream():
        @target.stream_with_context
        def generate():
            log.append("chunk 1")
            yield "a"
            log.append("chunk 2")
            yield "b"

        return generate()

    response = client.get("/stream", buffered=False)
    chunks = iter(response.response)
    next(chunks)
    assert log[-1] == "chunk 1"

    assert next(chunks) == b"b"
    assert log[-1] == "chunk 2"
    with pytest.raises(StopIteration):
        next(chunks)
    response.close()

    assert log[-1] == "teardown"


def test_teardown_runs_twice_with_stream_with_context(target, app, client):
    """With ``stream_with_context``, ``teardown_request`` runs once when the view returns and once more when the generator finishes (Flask API: stream_with_context)."""
    log = []

    @app.teardown_request
    def teardown(error):
        log.append("teardown")

    @app.route("/stream")
    def stream():
        @target.stream_with_context
        def generate():
            log.append("chunk")
            yield "a"

        return generate()

    response = client.get("/stream")
    response.close()

    assert log == ["teardown", "chunk", "teardown"]


def test_closing_early_runs_generator_cleanup_in_context(target, app, client):
    """Closing a ``stream_with_context`` response early runs the generator's ``finally`` block with the request still available, then tears the context down (Flask API: stream_with_context)."""
    log = []

    @app.teardown_request
    def teardown(error):
        log.append("teardown")

    @app.route("/stream")
    def stream():
        def generate():
            try:
                yield "one"
                yield "two"
            finally:
                log.append(f"finally {target.request.path}")

        return target.stream_with_context(generate())

    response = client.get("/stream", buffered=False)
    assert next(iter(response.response)) == b"one"
    log.clear()

    response.close()

    assert log == ["finally /stream", "teardown"]


def test_wrapped_iterator_close_is_called(target, app, client):
    """``stream_with_context`` closes the wrapped iterator when the stream ends, even for a non-generator iterable with ``close`` (Flask API: stream_with_context)."""
    closed = []

    class Body:
        def __init__(self):
            self.items = iter([b"x", b"y"])

        def __iter__(self):
            return self

        def __next__(self):
            return next(self.items)

        def close(self):
            closed.append(True)

    app.add_url_rule("/body", "body", lambda: target.stream_with_context(Body()))

    assert client.get("/body").data == b"xy"
    assert closed == [True]


def test_teardown_sees_exception_raised_in_wrapped_generator(target, app, client):
    """An exception raised inside a ``stream_with_context`` generator is passed to ``teardown_request`` functions when the context is torn down (Flask API: stream_with_context)."""
    errors = []

    @app.teardown_request
    def teardown(error):
        errors.append(error)

    @app.route("/stream")
    def stream():
        @target.stream_with_context
        def generate():
            yield "a"
            raise KeyError("broken")

        return generate()

    response = client.get("/stream", buffered=False)
    with pytest.raises(KeyError):
        list(response.response)
    response.close()

    assert errors[0] is None
    assert isinstance(errors[-1], KeyError)
