"""Bytes that are not UTF-8 in the path, query string, form bodies, headers and cookies."""

import pytest

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def _echo_views(app, target):
    @app.route("/name/<name>")
    def name(name):
        return ascii(name)

    @app.route("/path/<path:rest>")
    def path(rest):
        return ascii(rest)

    @app.route("/query")
    def query():
        return ascii(sorted(target.request.args.items()))

    @app.route("/form", methods=["POST"])
    def form():
        return ascii(sorted(target.request.form.items()))

    @app.route("/header")
    def header():
        return ascii(target.request.headers.get("X-Name"))

    @app.route("/cookies")
    def cookies():
        return ascii(sorted(target.request.cookies.items()))


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("/name/%ff", REPLACEMENT),
        ("/name/ok%e9", f"ok{REPLACEMENT}"),
        ("/name/%c3%28", f"{REPLACEMENT}("),
        ("/name/%ed%a0%80", REPLACEMENT * 3),
        ("/path/a%80b/c", f"a{REPLACEMENT}b/c"),
    ],
    ids=["lone-ff", "latin1-byte", "bad-continuation", "encoded-surrogate", "path-converter"],
)
def test_undecodable_path_bytes_become_replacement_characters(target, app, client, url, value):
    """Percent-encoded bytes in the path that are not UTF-8 reach the view as U+FFFD replacement characters, with a 200 (Flask API: Request.view_args)."""
    _echo_views(app, target)

    response = client.get(url)

    assert (response.status_code, response.text) == (200, ascii(value))


@pytest.mark.parametrize(
    ("query", "items"),
    [
        ("x=%ff", [("x", "%FF")]),
        ("x=ok&y=%c3", [("x", "ok"), ("y", "%C3")]),
        ("%ff=1", [("%FF", "1")]),
    ],
    ids=["value", "truncated-sequence", "key"],
)
def test_undecodable_query_bytes_stay_percent_encoded(target, app, client, query, items):
    """Query string bytes that are not UTF-8 are kept as upper-case percent escapes in ``request.args``, keys and values alike (Flask API: Request.args)."""
    _echo_views(app, target)

    response = client.get(f"/query?{query}")

    assert (response.status_code, response.text) == (200, ascii(items))


def test_undecodable_escapes_in_a_urlencoded_form_stay_percent_encoded(target, app, client):
    """In a form-encoded body a percent escape that is not UTF-8 is kept as its upper-case escape, next to the fields that decode (Flask API: Request.form)."""
    _echo_views(app, target)

    response = client.post(
        "/form", data=b"a=ok&b=%ff", content_type="application/x-www-form-urlencoded"
    )

    assert (response.status_code, response.text) == (200, ascii([("a", "ok"), ("b", "%FF")]))


def test_raw_non_utf8_bytes_empty_a_urlencoded_form(target, app, client):
    """A form-encoded body holding a raw byte that is not UTF-8 gives an empty ``request.form`` and a 200, losing its valid fields too (Flask API: Request.form)."""
    _echo_views(app, target)

    response = client.post(
        "/form", data=b"a=ok&b=\xff", content_type="application/x-www-form-urlencoded"
    )

    assert (response.status_code, response.text) == (200, "[]")


def test_non_utf8_multipart_field_gets_replacement_characters(target, app, client):
    """A multipart field whose bytes are not UTF-8 is decoded with U+FFFD replacement characters (Flask API: Request.form)."""
    _echo_views(app, target)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nok\xff\xfe\r\n'
        b'--b\r\nContent-Disposition: form-data; name="c"\r\n\r\nfine\r\n--b--\r\n'
    )

    response = client.post("/form", data=body, content_type="multipart/form-data; boundary=b")

    assert (response.status_code, response.text) == (
        200,
        ascii([("a", f"ok{REPLACEMENT * 2}"), ("c", "fine")]),
    )


def test_header_bytes_are_read_as_latin1(target, app, client):
    """A request header's bytes reach ``request.headers`` decoded as Latin-1, one character per byte, as WSGI passes them (Flask API: Request.headers)."""
    _echo_views(app, target)

    response = client.get("/header", environ_overrides={"HTTP_X_NAME": "caf\xc3\xa9 \xff"})

    assert (response.status_code, response.text) == (200, ascii("caf\xc3\xa9 \xff"))


@pytest.mark.parametrize(
    ("cookie", "items"),
    [
        ("a=ok; b=\xff", [("a", "ok"), ("b", "\xff")]),
        ("a=ok; b=caf%C3%A9", [("a", "ok"), ("b", "caf%C3%A9")]),
    ],
    ids=["raw-byte", "percent-escapes"],
)
def test_cookie_values_are_not_utf8_decoded(target, app, cookie, items):
    """Cookie values keep raw bytes as Latin-1 characters and percent escapes as written, with a 200 (Flask API: Request.cookies)."""
    _echo_views(app, target)
    client = target.make_client(app, use_cookies=False)

    response = client.get("/cookies", environ_overrides={"HTTP_COOKIE": cookie})

    assert (response.status_code, response.text) == (200, ascii(items))
