"""The application's static route: where it is, what it serves and how it is configured."""

import pytest

from .conftest import ROOT


def test_static_file_is_served_under_static(site, fetch):
    """A file in the app's ``static`` folder is served at ``/static/<filename>`` with a type guessed from its name (Flask docs: Static Files)."""
    response = fetch(site, "/static/style.css")

    assert response.status_code == 200
    assert response.data == b"body { color: red; }\n"
    assert response.mimetype == "text/css"


def test_static_file_in_a_subfolder(site, fetch):
    """The static route's ``path`` converter serves files in subfolders of the static folder (Flask docs: Static Files)."""
    assert fetch(site, "/static/sub/nested.txt").data == b"nested file\n"


def test_missing_static_file_is_404(site, fetch):
    """A static URL naming no file in the static folder answers 404 (Flask docs: Static Files)."""
    assert fetch(site, "/static/nope.txt").status_code == 404


def test_static_folder_itself_is_404(site, fetch):
    """A static URL naming a folder rather than a file answers 404 (Flask API: send_from_directory)."""
    assert fetch(site, "/static/sub").status_code == 404


@pytest.mark.parametrize(
    "url", ["/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/sub/../../secret.txt"]
)
def test_static_route_does_not_escape_the_folder(site, fetch, url):
    """A static URL climbing out of the static folder with ``..`` answers 404 instead of the file outside (Flask API: send_from_directory)."""
    response = fetch(site, url)

    assert response.status_code == 404
    assert b"outside" not in response.data


def test_url_for_static_builds_the_file_url(target, site):
    """``url_for('static', filename=...)`` builds the URL of a file in the static folder (Flask docs: Static Files)."""
    with site.test_request_context():
        assert target.url_for("static", filename="sub/nested.txt") == "/static/sub/nested.txt"


def test_static_url_path_moves_the_route(target, make_site, fetch):
    """``static_url_path`` changes the URL prefix of the static route (Flask API: Flask)."""
    app = make_site(static_url_path="/assets")

    assert fetch(app, "/assets/hello.txt").data == b"hello static\n"
    assert fetch(app, "/static/hello.txt").status_code == 404
    assert app.static_url_path == "/assets"
    with app.test_request_context():
        assert target.url_for("static", filename="a.txt") == "/assets/a.txt"


def test_empty_static_url_path_serves_from_the_root(make_site, fetch):
    """An empty ``static_url_path`` serves static files directly under ``/`` (Flask API: Flask)."""
    app = make_site(static_url_path="")

    assert fetch(app, "/hello.txt").data == b"hello static\n"


def test_static_url_path_defaults_to_the_folder_name(make_site, fetch):
    """Without ``static_url_path``, the static URL prefix is the base name of ``static_folder`` (Flask API: Flask.static_url_path)."""
    app = make_site(static_folder="static/sub")

    assert app.static_url_path == "/sub"
    assert fetch(app, "/sub/nested.txt").data == b"nested file\n"


@pytest.mark.parametrize(
    "given", ["filesX/", "filesX\\", "filesX"], ids=["slash", "backslash", "bare"]
)
def test_static_folder_loses_only_its_trailing_separators(target, given):
    """A ``static_folder`` given with a trailing ``/`` or ``\\`` is stored without it and nothing else is stripped, so the derived ``static_url_path`` keeps the folder's full name (Flask API: Flask.static_folder)."""
    app = target.Flask("conformance_static_strip", static_folder=given, root_path="/srv/site")

    assert app.static_folder == "/srv/site/filesX"
    assert app.static_url_path == "/filesX"


def test_static_folder_property_is_absolute(site):
    """``static_folder`` is the configured folder joined to the app's ``root_path`` and ``has_static_folder`` is true (Flask API: Flask.static_folder)."""
    assert site.static_folder == str(ROOT / "static")
    assert site.has_static_folder is True
    assert site.static_url_path == "/static"


def test_static_folder_can_be_absolute(make_site, fetch):
    """An absolute ``static_folder`` is used as is, with trailing slashes removed (Flask API: Flask.static_folder)."""
    app = make_site(static_folder=str(ROOT / "static" / "sub") + "/")

    assert app.static_folder == str(ROOT / "static" / "sub")
    assert fetch(app, "/sub/nested.txt").data == b"nested file\n"


def test_static_folder_none_disables_the_route(make_site, fetch):
    """With ``static_folder=None`` the app has no static folder, no static URL path and no ``static`` endpoint (Flask API: Flask.has_static_folder)."""
    app = make_site(static_folder=None)

    assert app.has_static_folder is False
    assert app.static_folder is None
    assert app.static_url_path is None
    assert "static" not in app.view_functions
    assert fetch(app, "/static/hello.txt").status_code == 404


def test_send_static_file_without_folder_raises(make_site):
    """``send_static_file`` raises ``RuntimeError`` on an app without a static folder (Flask API: Flask.send_static_file)."""
    app = make_site(static_folder=None)

    with app.test_request_context(), pytest.raises(RuntimeError):
        app.send_static_file("hello.txt")


def test_send_static_file_serves_from_the_static_folder(site):
    """``send_static_file`` returns a response with a file of the static folder (Flask API: Flask.send_static_file)."""
    with site.test_request_context():
        response = site.send_static_file("hello.txt")
        response.direct_passthrough = False
        assert response.get_data() == b"hello static\n"
        response.close()


def test_static_host_serves_static_files_on_that_host(target, make_site, fetch):
    """With ``host_matching`` and ``static_host``, static files are served only on that host and ``url_for`` builds external URLs to it (Flask API: Flask)."""
    app = make_site(host_matching=True, static_host="cdn.example.com")
    app.config["SERVER_NAME"] = "www.example.com"

    on_cdn = fetch(app, "/static/hello.txt", base_url="http://cdn.example.com")
    on_www = fetch(app, "/static/hello.txt", base_url="http://www.example.com")

    assert on_cdn.data == b"hello static\n"
    assert on_www.status_code == 404
    with app.app_context():
        assert (
            target.url_for("static", filename="hello.txt")
            == "http://cdn.example.com/static/hello.txt"
        )


def test_host_matching_without_static_host_is_rejected(make_site):
    """Creating an app with ``host_matching=True`` and a static folder but no ``static_host`` fails an assertion (Flask API: Flask)."""
    with pytest.raises(AssertionError):
        make_site(host_matching=True)


def test_host_matching_without_static_folder_needs_no_static_host(make_site):
    """``host_matching=True`` without ``static_host`` is accepted when ``static_folder`` is ``None`` (Flask API: Flask)."""
    app = make_site(host_matching=True, static_folder=None)

    assert app.url_map.host_matching is True


def test_head_request_to_static_file(site):
    """A HEAD request for a static file gets the file's headers and length without a body (Flask docs: Static Files)."""
    response = site.test_client().head("/static/hello.txt")

    assert response.status_code == 200
    assert response.content_length == 13
    assert response.data == b""
    response.close()
