"""Bodies over ``MAX_CONTENT_LENGTH``, with a Content-Length or chunked, and forms
over ``MAX_FORM_MEMORY_SIZE`` and ``MAX_FORM_PARTS``."""

import io

import pytest

TOO_LARGE_PAGE = (
    "<!doctype html>\n<html lang=en>\n<title>413 Request Entity Too Large</title>\n"
    "<h1>Request Entity Too Large</h1>\n<p>The data value transmitted exceeds the "
    "capacity limit.</p>\n"
)

#: How each view reads the request body.
READERS = {
    "data": lambda request: repr(request.data),
    "get_data": lambda request: repr(request.get_data()),
    "stream": lambda request: repr(request.stream.read()),
    "form": lambda request: repr(sorted(request.form.items())),
    "files": lambda request: repr(sorted(request.files)),
    "values": lambda request: repr(sorted(request.values.items())),
    "get_json": lambda request: repr(request.get_json()),
    "get_json_silent": lambda request: repr(request.get_json(silent=True)),
}


def _reading_views(app, target):
    for name, read in READERS.items():
        app.add_url_rule(
            f"/{name}",
            name,
            lambda read=read: read(target.request),
            methods=["POST"],
        )

    @app.route("/ignore", methods=["POST"])
    def ignore():
        return "not read"


def _chunked(client, url, body, content_type):
    """POST *body* with no Content-Length, as a server that ends the input stream for us."""
    return client.post(
        url,
        input_stream=io.BytesIO(body),
        content_type=content_type,
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


@pytest.mark.parametrize(
    ("reader", "content_type"),
    [
        ("data", "application/octet-stream"),
        ("get_data", "application/octet-stream"),
        ("stream", "application/octet-stream"),
        ("form", "application/x-www-form-urlencoded"),
        ("files", "multipart/form-data; boundary=b"),
        ("values", "application/x-www-form-urlencoded"),
        ("get_json", "application/json"),
        ("get_json_silent", "application/json"),
    ],
    ids=["data", "get_data", "stream", "form", "files", "values", "get_json", "get_json_silent"],
)
def test_declared_length_over_the_limit_is_413(target, app, client, reader, content_type):
    """A body whose Content-Length exceeds ``MAX_CONTENT_LENGTH`` answers the 413 page whichever way the view reads it, ``get_json(silent=True)`` included (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _reading_views(app, target)

    response = client.post(f"/{reader}", data=b'{"a": "xxxxxxxx"}', content_type=content_type)

    assert response.status_code == 413
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.text == TOO_LARGE_PAGE


def test_oversized_body_a_view_never_reads_is_not_refused(target, app, client):
    """A body over ``MAX_CONTENT_LENGTH`` is only refused when read, so a view that ignores it answers normally (Flask docs: Configuration Handling)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _reading_views(app, target)

    response = client.post("/ignore", data=b"x" * 1000)

    assert (response.status_code, response.text) == (200, "not read")


def test_chunked_body_is_cut_at_the_limit_by_get_data(target, app, client):
    """A chunked body with no Content-Length is read by ``get_data`` only up to ``MAX_CONTENT_LENGTH`` bytes, the rest left unread (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _reading_views(app, target)

    response = _chunked(client, "/get_data", b"0123456789abcdef" * 64, "application/octet-stream")

    assert (response.status_code, response.text) == (200, "b'0123456789'")


def test_chunked_json_over_the_limit_is_400(target, app, client):
    """A chunked JSON body longer than ``MAX_CONTENT_LENGTH`` is cut at the limit, so ``get_json`` answers 400 for the truncated document (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _reading_views(app, target)

    response = _chunked(client, "/get_json", b'{"a": "' + b"x" * 100 + b'"}', "application/json")

    assert response.status_code == 400
    assert "<title>400 Bad Request</title>" in response.text


@pytest.mark.parametrize(
    ("reader", "content_type"),
    [
        ("form", "multipart/form-data; boundary=b"),
        ("data", "application/x-www-form-urlencoded"),
        ("data", "multipart/form-data; boundary=b"),
    ],
    ids=["multipart-form", "urlencoded-data", "multipart-data"],
)
def test_chunked_form_over_the_limit_is_413(target, app, client, reader, content_type):
    """A chunked form body longer than ``MAX_CONTENT_LENGTH`` answers 413 when parsed as multipart or read through ``request.data`` (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _reading_views(app, target)

    response = _chunked(client, f"/{reader}", b"a=" + b"x" * 1000, content_type)

    assert (response.status_code, response.text) == (413, TOO_LARGE_PAGE)


def test_body_without_length_or_terminated_input_reads_empty(target, app, client):
    """Without a Content-Length and without ``wsgi.input_terminated`` the body is never read: ``get_data`` returns empty bytes (Flask API: Request.get_data)."""
    _reading_views(app, target)

    response = client.post(
        "/get_data",
        input_stream=io.BytesIO(b"x" * 100),
        content_type="application/octet-stream",
        headers={"Transfer-Encoding": "chunked"},
    )

    assert (response.status_code, response.text) == (200, "b''")


@pytest.mark.parametrize(
    ("reader", "data", "status", "text"),
    [
        ("form", {"a": "x" * 100}, 200, "[('a', '" + "x" * 100 + "')]"),
        ("form", {"a": "x" * 5000}, 413, TOO_LARGE_PAGE),
        ("files", {"f": (b"x" * 5000, "f.txt")}, 413, TOO_LARGE_PAGE),
    ],
    ids=["small-field", "large-field", "large-file"],
)
def test_multipart_is_held_to_max_form_memory_size(target, app, client, reader, data, status, text):
    """A multipart field or file several times ``MAX_FORM_MEMORY_SIZE`` answers 413, a small field is parsed (Flask API: Request.max_form_memory_size)."""
    app.config["MAX_FORM_MEMORY_SIZE"] = 1000
    _reading_views(app, target)
    data = {
        name: (io.BytesIO(value[0]), value[1]) if isinstance(value, tuple) else value
        for name, value in data.items()
    }

    response = client.post(f"/{reader}", data=data, content_type="multipart/form-data")

    assert (response.status_code, response.text) == (status, text)


@pytest.mark.parametrize(
    ("reader", "data", "status", "text"),
    [
        ("form", {"a": "1", "b": "2"}, 200, "[('a', '1'), ('b', '2')]"),
        ("form", {"a": "1", "b": "2", "c": "3"}, 413, TOO_LARGE_PAGE),
        ("files", {"a": "1", "b": "2", "c": "3"}, 413, TOO_LARGE_PAGE),
        ("values", {"a": "1", "b": "2", "c": "3"}, 413, TOO_LARGE_PAGE),
    ],
    ids=["at-limit", "fields-over", "files-over", "values-over"],
)
def test_multipart_is_held_to_max_form_parts(target, app, client, reader, data, status, text):
    """A multipart body with more parts than ``MAX_FORM_PARTS`` answers 413 whether the view reads ``form``, ``files`` or ``values`` (Flask API: Request.max_form_parts)."""
    # Fields only: file parts made before the limit trips are left for the
    # garbage collector by the parser, which would warn in a later spec.
    app.config["MAX_FORM_PARTS"] = 2
    _reading_views(app, target)

    response = client.post(f"/{reader}", data=data, content_type="multipart/form-data")

    assert (response.status_code, response.text) == (status, text)


def test_max_form_parts_leaves_many_urlencoded_fields_alone(target, app, client):
    """``MAX_FORM_PARTS`` does not cap form-encoded bodies: fifty fields against a limit of two are all parsed (Flask API: Request.max_form_parts)."""
    app.config["MAX_FORM_PARTS"] = 2
    _reading_views(app, target)
    data = {f"f{number:02}": "v" for number in range(50)}

    response = client.post("/form", data=data)

    assert response.status_code == 200
    assert response.text == repr(sorted(data.items()))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nunterminated", "boundary=b"),
        (b"--b\r\ngarbage without headers", "boundary=b"),
        (b"a=1", ""),
    ],
    ids=["no-closing-boundary", "no-part-headers", "no-boundary-parameter"],
)
def test_broken_multipart_gives_an_empty_form(target, app, client, body, content_type):
    """A multipart body that is cut short, has no part headers or lacks the boundary parameter gives an empty ``request.form`` and a 200 (Flask API: Request.form)."""
    _reading_views(app, target)
    header = "multipart/form-data" + (f"; {content_type}" if content_type else "")

    response = client.post("/form", data=body, content_type=header)

    assert (response.status_code, response.text) == (200, "[]")
