"""``send_file``: paths and file objects, names, types, and conditional responses."""

import io
from datetime import UTC, datetime

import pytest

from conformance.support import cases

from .conftest import ROOT


def _serve(app, target, *args, **kwargs):
    """Route ``/file`` to ``send_file(*args, **kwargs)`` and return a test client."""

    @app.route("/file")
    def file():
        return target.send_file(*args, **kwargs)

    return target.make_client(app)


def _get(client, url="/file", **kwargs):
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def test_send_file_with_an_absolute_path(target, site):
    """``send_file`` with a file path answers with the file's bytes, length and a type guessed from its name (Flask API: send_file)."""
    client = _serve(site, target, str(ROOT / "static" / "hello.txt"))
    response = _get(client)

    assert response.status_code == 200
    assert response.data == b"hello static\n"
    assert response.content_length == 13
    assert response.content_type == "text/plain; charset=utf-8"


def test_send_file_relative_path_is_relative_to_root_path(target, site):
    """A relative path given to ``send_file`` is resolved against the application's ``root_path`` (Flask API: send_file)."""
    client = _serve(site, target, "static/sub/nested.txt")

    assert _get(client).data == b"nested file\n"


def test_send_file_accepts_a_path_object(target, site):
    """``send_file`` accepts an ``os.PathLike`` path as well as a string (Flask API: send_file)."""
    client = _serve(site, target, ROOT / "secret.txt")

    assert _get(client).data == b"outside the static folder\n"


def test_send_file_names_the_file_inline(target, site):
    """A file sent by path is marked ``Content-Disposition: inline`` with its base name (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt")

    assert _get(client).headers["Content-Disposition"] == "inline; filename=hello.txt"


def test_send_file_from_binary_file_object(target, site):
    """``send_file`` sends the contents of an open binary file object, typed by ``mimetype`` (Flask API: send_file)."""

    @site.route("/file")
    def file():
        return target.send_file(open(ROOT / "secret.txt", "rb"), mimetype="text/x-secret")

    response = _get(target.make_client(site))

    assert response.data == b"outside the static folder\n"
    assert response.mimetype == "text/x-secret"
    assert "Content-Disposition" not in response.headers


def test_send_file_from_bytesio_with_download_name(target, site):
    """A ``BytesIO`` sent with ``download_name`` gets that name in ``Content-Disposition``, a type guessed from it and its length (Flask API: send_file)."""
    client = _serve(site, target, io.BytesIO(b'{"a": 1}'), download_name="report.json")
    response = _get(client)

    assert response.data == b'{"a": 1}'
    assert response.mimetype == "application/json"
    assert response.content_length == 8
    assert response.headers["Content-Disposition"] == "inline; filename=report.json"


@pytest.mark.parametrize(("given", "expected"), cases("static_mimetypes"))
def test_mimetype_is_guessed_from_download_name(target, site, given, expected):
    """Without ``mimetype``, the type is guessed from the download name, ``application/octet-stream`` when unknown, and a compression suffix becomes ``Content-Encoding`` (Flask API: send_file)."""
    client = _serve(site, target, io.BytesIO(b"x"), download_name=given)
    response = _get(client)

    assert response.content_type == expected["content_type"]
    assert response.headers.get("Content-Encoding") == expected["encoding"]


def test_explicit_mimetype_wins_over_the_name(target, site):
    """An explicit ``mimetype`` is used instead of the type guessed from the file name (Flask API: send_file)."""
    client = _serve(site, target, "static/style.css", mimetype="text/plain")

    assert _get(client).mimetype == "text/plain"


def test_file_object_without_name_or_mimetype_is_a_type_error(target, site):
    """``send_file`` raises ``TypeError`` for a file object when neither ``mimetype`` nor ``download_name`` gives a type (Flask API: send_file)."""
    with site.test_request_context(), pytest.raises(TypeError):
        target.send_file(io.BytesIO(b"data"))


def test_attachment_of_unnamed_file_object_is_a_type_error(target, site):
    """``as_attachment=True`` with a file object and no ``download_name`` raises ``TypeError`` (Flask API: send_file)."""
    with site.test_request_context(), pytest.raises(TypeError):
        target.send_file(io.BytesIO(b"data"), mimetype="text/plain", as_attachment=True)


def test_text_mode_file_is_a_value_error(target, site):
    """``send_file`` raises ``ValueError`` for a file opened in text mode (Flask API: send_file)."""
    with site.test_request_context(), pytest.raises(ValueError):
        target.send_file(io.StringIO("text"), mimetype="text/plain")


def test_as_attachment_sets_attachment_disposition(target, site):
    """``as_attachment=True`` marks the response ``Content-Disposition: attachment`` with the file's name (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", as_attachment=True)

    assert _get(client).headers["Content-Disposition"] == "attachment; filename=hello.txt"


def test_download_name_overrides_the_file_name(target, site):
    """``download_name`` replaces the file's own name in ``Content-Disposition`` and in the type guess (Flask API: send_file)."""
    client = _serve(
        site, target, "static/hello.txt", as_attachment=True, download_name="greeting.html"
    )
    response = _get(client)

    assert response.headers["Content-Disposition"] == "attachment; filename=greeting.html"
    assert response.mimetype == "text/html"


def test_download_name_with_spaces_is_quoted(target, site):
    """A download name with spaces is sent as a quoted ``filename`` parameter (Flask API: send_file)."""
    client = _serve(
        site, target, "static/hello.txt", as_attachment=True, download_name="my notes.txt"
    )

    assert _get(client).headers["Content-Disposition"] == 'attachment; filename="my notes.txt"'


def test_non_ascii_download_name_uses_filename_star(target, site):
    """A non-ASCII download name is sent as an ASCII-folded ``filename`` plus a UTF-8 percent-encoded ``filename*`` (Flask API: send_file)."""
    client = _serve(
        site, target, "static/hello.txt", as_attachment=True, download_name="naïve résumé.txt"
    )
    disposition = _get(client).headers["Content-Disposition"]

    assert disposition == (
        "attachment; filename=\"naive resume.txt\"; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.txt"
    )


def test_compressed_attachment_has_no_content_encoding(target, site):
    """A ``.gz`` file sent as an attachment keeps its compression and gets no ``Content-Encoding`` (Flask API: send_file)."""
    client = _serve(site, target, io.BytesIO(b"x"), as_attachment=True, download_name="a.tar.gz")
    response = _get(client)

    assert "Content-Encoding" not in response.headers
    assert response.mimetype == "application/x-tar"


def test_path_response_has_etag_and_last_modified(target, site):
    """A file sent by path gets an ``ETag``, a ``Last-Modified`` from the file's time and ``Accept-Ranges: bytes`` (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt")
    response = _get(client)
    mtime = int((ROOT / "static" / "hello.txt").stat().st_mtime)

    assert response.headers["ETag"]
    assert int(response.last_modified.timestamp()) == mtime
    assert response.headers["Accept-Ranges"] == "bytes"


def test_matching_if_none_match_is_304(target, site):
    """A request whose ``If-None-Match`` holds the file's ETag is answered 304 without a body (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt")
    etag = _get(client).headers["ETag"]

    response = _get(client, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.data == b""


def test_other_if_none_match_is_200(target, site):
    """A request whose ``If-None-Match`` names another ETag gets the full file (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt")

    response = _get(client, headers={"If-None-Match": '"something-else"'})

    assert response.status_code == 200
    assert response.data == b"hello static\n"


def test_if_modified_since_after_the_file_is_304(target, site):
    """A request whose ``If-Modified-Since`` is not older than the file's modification time is answered 304 (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", etag=False)

    response = _get(client, headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})

    assert response.status_code == 304


def test_if_modified_since_before_the_file_is_200(target, site):
    """A request whose ``If-Modified-Since`` is older than the file gets the full file (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", etag=False)

    response = _get(client, headers={"If-Modified-Since": "Thu, 01 Jan 1970 00:00:01 GMT"})

    assert response.status_code == 200
    assert response.data == b"hello static\n"


def test_conditional_false_ignores_if_none_match(target, site):
    """With ``conditional=False`` the file is sent in full even when ``If-None-Match`` matches its ETag (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", conditional=False)
    etag = _get(client).headers["ETag"]

    response = _get(client, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "Accept-Ranges" not in response.headers


def test_conditional_false_ignores_range(target, site):
    """With ``conditional=False`` a ``Range`` request gets the whole file with status 200 (Flask API: send_file)."""
    client = _serve(site, target, "static/digits.txt", conditional=False)

    response = _get(client, headers={"Range": "bytes=0-4"})

    assert response.status_code == 200
    assert response.data == b"0123456789abcdefghij\n"


@pytest.mark.parametrize(("given", "expected"), cases("static_ranges"))
def test_range_requests(target, site, given, expected):
    """A ``Range`` request for a file sent by path is answered 206 with the bytes and ``Content-Range``, or 416 when unsatisfiable (Flask API: send_file)."""
    client = _serve(site, target, "static/digits.txt")

    response = _get(client, headers={"Range": given})

    assert response.status_code == expected["status"]
    assert response.headers.get("Content-Range") == expected["content_range"]
    if expected["body"] is not None:
        assert response.data == expected["body"].encode()


def test_etag_false_sends_no_etag(target, site):
    """``etag=False`` sends the file without an ``ETag`` header (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", etag=False)

    assert "ETag" not in _get(client).headers


def test_custom_etag_string_is_used(target, site):
    """A string ``etag`` becomes the response's ETag and is honoured by ``If-None-Match`` (Flask API: send_file)."""
    client = _serve(site, target, "static/hello.txt", etag="version-7")

    assert _get(client).headers["ETag"] == '"version-7"'
    assert _get(client, headers={"If-None-Match": '"version-7"'}).status_code == 304


def test_file_object_has_no_automatic_etag(target, site):
    """A file object sent without an ``etag`` string gets no ``ETag`` header (Flask API: send_file)."""
    client = _serve(site, target, io.BytesIO(b"x"), download_name="a.txt")

    assert "ETag" not in _get(client).headers


def test_last_modified_argument_sets_the_header(target, site):
    """``last_modified`` replaces the file's modification time in ``Last-Modified`` (Flask API: send_file)."""
    when = datetime(2020, 5, 17, 8, 30, tzinfo=UTC)
    client = _serve(site, target, "static/hello.txt", last_modified=when)

    assert _get(client).headers["Last-Modified"] == "Sun, 17 May 2020 08:30:00 GMT"


def test_last_modified_accepts_a_timestamp(target, site):
    """``last_modified`` may be a Unix timestamp (Flask API: send_file)."""
    client = _serve(site, target, io.BytesIO(b"x"), download_name="a.txt", last_modified=0)

    assert _get(client).headers["Last-Modified"] == "Thu, 01 Jan 1970 00:00:00 GMT"


def test_send_file_response_is_direct_passthrough(target, site):
    """The response of ``send_file`` passes the file through untouched, with ``direct_passthrough`` set (Flask API: send_file)."""
    with site.test_request_context():
        response = target.send_file("static/hello.txt")
        try:
            assert response.direct_passthrough is True
            assert isinstance(response, site.response_class)
        finally:
            response.close()


def test_send_file_uses_the_app_response_class(target, make_site):
    """``send_file`` builds its response with the application's ``response_class`` (Flask API: send_file)."""
    app = make_site()

    class Custom(target.Response):
        pass

    app.response_class = Custom
    with app.test_request_context():
        response = target.send_file("static/hello.txt")
        response.close()

    assert type(response) is Custom


def test_missing_file_raises_file_not_found(target, site):
    """``send_file`` with a path that does not exist raises ``FileNotFoundError`` (Flask API: send_file)."""
    with site.test_request_context(), pytest.raises(FileNotFoundError):
        target.send_file("static/does-not-exist.txt")
