"""``USE_X_SENDFILE``: letting the web server send the file."""

import io

from .conftest import ROOT


def test_x_sendfile_header_replaces_the_body(target, site):
    """With ``USE_X_SENDFILE`` a file sent by path gets an ``X-Sendfile`` header with its full path and an empty body (Flask API: send_file)."""
    site.config["USE_X_SENDFILE"] = True
    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt"))

    response = target.make_client(site).get("/f")

    assert response.headers["X-Sendfile"] == str(ROOT / "static" / "hello.txt")
    assert response.data == b""
    assert response.content_length == 13
    assert response.mimetype == "text/plain"


def test_static_route_uses_x_sendfile(target, site):
    """With ``USE_X_SENDFILE`` the static route also answers with an ``X-Sendfile`` header (Flask API: Flask.send_static_file)."""
    site.config["USE_X_SENDFILE"] = True

    response = target.make_client(site).get("/static/sub/nested.txt")

    assert response.headers["X-Sendfile"] == str(ROOT / "static" / "sub" / "nested.txt")


def test_no_x_sendfile_by_default(target, site):
    """Without ``USE_X_SENDFILE`` the file's bytes are in the body and there is no ``X-Sendfile`` header (Flask API: send_file)."""
    response = target.make_client(site).get("/static/hello.txt")
    response.close()

    assert site.config["USE_X_SENDFILE"] is False
    assert "X-Sendfile" not in response.headers


def test_x_sendfile_ignored_for_file_objects(target, site):
    """A file object is sent in the body even with ``USE_X_SENDFILE``, since it has no path (Flask API: send_file)."""
    site.config["USE_X_SENDFILE"] = True
    site.add_url_rule(
        "/f", "f", lambda: target.send_file(io.BytesIO(b"memory"), download_name="m.txt")
    )

    response = target.make_client(site).get("/f")

    assert "X-Sendfile" not in response.headers
    assert response.data == b"memory"


def test_x_sendfile_dropped_on_304(target, site):
    """A 304 answer to a conditional request carries no ``X-Sendfile`` header (Flask API: send_file)."""
    site.config["USE_X_SENDFILE"] = True
    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt", etag="v1"))

    response = target.make_client(site).get("/f", headers={"If-None-Match": '"v1"'})

    assert response.status_code == 304
    assert "X-Sendfile" not in response.headers
