"""Responses whose body is produced by a generator."""

import pytest


def _two_chunks(log=None):
    def generate():
        if log is not None:
            log.append("chunk 1")
        yield "first,"
        if log is not None:
            log.append("chunk 2")
        yield "second"

    return generate()


def test_generator_chunks_arrive_in_order(target, app, client):
    """A view returning a generator sends its chunks in order as the body (Flask docs: Streaming Contents)."""
    app.add_url_rule("/stream", "stream", lambda: _two_chunks())

    response = client.get("/stream", buffered=False)

    assert list(response.response) == [b"first,", b"second"]
    response.close()


def test_generator_response_is_streamed(target, app):
    """A response built from a generator reports ``is_streamed`` and has no ``Content-Length`` (Flask docs: Streaming Contents)."""
    with app.test_request_context():
        streamed = app.make_response(_two_chunks())
        buffered = app.make_response("whole")

    assert streamed.is_streamed is True
    assert "Content-Length" not in streamed.headers
    assert buffered.is_streamed is False
    streamed.close()


def test_generator_runs_only_when_the_body_is_read(target, app, client):
    """The generator's code after the first chunk runs only as the body is iterated, after the view has returned (Flask docs: Streaming Contents)."""
    log = []

    @app.route("/stream")
    def stream():
        log.append("view returned")
        return _two_chunks(log)

    response = client.get("/stream", buffered=False)
    chunks = iter(response.response)
    assert next(chunks) == b"first,"
    assert log == ["view returned", "chunk 1"]

    assert next(chunks) == b"second"
    assert log == ["view returned", "chunk 1", "chunk 2"]
    response.close()


def test_response_with_generator_and_mimetype(target, app, client):
    """``Response(generator, mimetype=...)`` streams the generator with that content type (Flask docs: Streaming Contents)."""

    @app.route("/rows.csv")
    def rows():
        def generate():
            for row in (("a", 1), ("b", 2)):
                yield f"{row[0]},{row[1]}\n"

        return target.Response(generate(), mimetype="text/csv")

    response = client.get("/rows.csv")

    assert response.mimetype == "text/csv"
    assert response.data == b"a,1\nb,2\n"


def test_generator_in_a_tuple_with_status_and_headers(target, app, client):
    """A view may return a generator together with a status and headers, which apply to the streamed response (Flask API: Flask.make_response)."""
    app.add_url_rule("/stream", "stream", lambda: (_two_chunks(), 201, {"X-Stream": "yes"}))

    response = client.get("/stream")

    assert response.status_code == 201
    assert response.headers["X-Stream"] == "yes"
    assert response.data == b"first,second"


def test_string_and_bytes_chunks_are_encoded(target, app, client):
    """Text chunks are encoded as UTF-8 and bytes chunks are sent as they are (Flask docs: Streaming Contents)."""

    @app.route("/mixed")
    def mixed():
        def generate():
            yield "é"
            yield b"\xff"

        return target.Response(generate())

    response = client.get("/mixed", buffered=False)

    assert list(response.iter_encoded()) == [b"\xc3\xa9", b"\xff"]
    response.close()


def test_request_is_unavailable_in_a_plain_generator(target, app, client):
    """A plain generator that uses ``request`` after the view returned raises ``RuntimeError``, the request context being gone (Flask docs: Streaming Contents)."""

    @app.route("/stream")
    def stream():
        def generate():
            yield "start"
            yield target.request.path

        return generate()

    response = client.get("/stream", buffered=False)
    chunks = iter(response.response)
    assert next(chunks) == b"start"

    with pytest.raises(RuntimeError):
        next(chunks)
    response.close()


def test_after_request_runs_before_the_body_is_streamed(target, app, client):
    """``after_request`` functions run on the streamed response before the generator produces its later chunks (Flask docs: Streaming Contents)."""
    log = []

    @app.after_request
    def after(response):
        log.append("after_request")
        return response

    app.add_url_rule("/stream", "stream", lambda: _two_chunks(log))

    response = client.get("/stream", buffered=False)
    list(response.response)
    response.close()

    assert log == ["after_request", "chunk 1", "chunk 2"]


def test_teardown_runs_before_a_plain_generator_is_consumed(target, app, client):
    """Without ``stream_with_context``, ``teardown_request`` functions run when the view has returned, before the generator runs (Flask docs: Streaming Contents)."""
    log = []

    @app.teardown_request
    def teardown(error):
        log.append("teardown")

    app.add_url_rule("/stream", "stream", lambda: _two_chunks(log))

    response = client.get("/stream", buffered=False)
    list(response.response)
    response.close()

    assert log == ["teardown", "chunk 1", "chunk 2"]


def test_exception_in_generator_reaches_the_reader(target, app, client):
    """An exception raised by the generator after streaming began propagates to the code reading the body; error handlers do not turn it into a response (Flask docs: Streaming Contents)."""
    handled = []

    @app.errorhandler(ValueError)
    def on_value_error(error):
        handled.append(error)
        return "handled", 500

    @app.route("/stream")
    def stream():
        def generate():
            yield "partial"
            raise ValueError("broken stream")

        return generate()

    response = client.get("/stream", buffered=False)
    chunks = iter(response.response)
    assert next(chunks) == b"partial"

    with pytest.raises(ValueError, match="broken stream"):
        next(chunks)
    response.close()
    assert handled == []


def test_closing_the_response_closes_the_generator(target, app, client):
    """Closing a streamed response before the end closes the generator, running its ``finally`` block (Flask docs: Streaming Contents)."""
    log = []

    @app.route("/stream")
    def stream():
        def generate():
            try:
                yield "one"
                yield "two"
            finally:
                log.append("generator closed")

        return generate()

    response = client.get("/stream", buffered=False)
    assert next(iter(response.response)) == b"one"
    assert log == []

    response.close()

    assert log == ["generator closed"]


def test_call_on_close_runs_when_the_stream_is_closed(target, app, client):
    """A function registered with ``call_on_close`` on a streamed response runs when the response is closed, not when the view returns (Flask API: Response)."""
    log = []

    @app.route("/stream")
    def stream():
        response = target.Response(_two_chunks())
        response.call_on_close(lambda: log.append("closed"))
        return response

    response = client.get("/stream", buffered=False)
    list(response.response)
    assert log == []

    response.close()

    assert log == ["closed"]


def test_direct_passthrough_iterable_is_sent_unchanged(target, app):
    """With ``direct_passthrough`` the WSGI iterable of the response is the given iterable itself (Flask API: Response)."""
    body = iter([b"raw", b"bytes"])
    with app.test_request_context() as ctx:
        response = target.Response(body, direct_passthrough=True)
        assert response.get_app_iter(ctx.request.environ) is body


def test_direct_passthrough_forbids_reading_data(target, app):
    """A ``direct_passthrough`` response over an iterator refuses ``get_data`` with ``RuntimeError`` (Flask API: Response)."""
    response = target.Response(iter([b"raw"]), direct_passthrough=True)

    with pytest.raises(RuntimeError):
        response.get_data()
