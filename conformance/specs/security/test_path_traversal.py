"""Paths that try to leave the static folder, through the static route and
``send_from_directory``."""

import pytest
from werkzeug.exceptions import NotFound

from conformance.support import cases

from .conftest import INSIDE, NESTED, OUTSIDE, SECRET

CONTENTS = {"inside": INSIDE, "nested": NESTED}
ROUTES = ["static", "files"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("given", "expected"), cases("security_traversal_urls"))
def test_traversal_url_never_reaches_a_file_outside(site, fetch, route, given, expected):
    """Encoded, double-encoded, backslashed, NUL-carrying and ``..`` URLs under the static route or a ``send_from_directory`` view answer 404, or 308 for a doubled slash, and never serve a file outside the folder (Flask API: send_from_directory)."""
    response = fetch(site, f"/{route}/{given}")

    assert response.status_code == expected["status"]
    assert SECRET not in response.data
    if "body" in expected:
        assert response.data == CONTENTS[expected["body"]]
    if "location" in expected:
        assert response.headers["Location"] == f"http://localhost/{route}{expected['location']}"


@pytest.mark.parametrize(("given", "expected"), cases("security_traversal_names"))
def test_send_from_directory_refuses_names_leaving_the_folder(
    target, site, site_root, given, expected
):
    """``send_from_directory`` raises ``NotFound`` for a name that is absolute, climbs with ``..``, uses backslashes or a drive, holds a NUL byte or names no file, and serves names that stay inside (Flask API: send_from_directory)."""
    name = given.format(root=site_root)

    with site.test_request_context():
        if expected["served"] is None:
            with pytest.raises(NotFound):
                target.send_from_directory(site.static_folder, name)
            return
        response = target.send_from_directory(site.static_folder, name)
        response.direct_passthrough = False
        body = response.get_data()
        response.close()

    assert body == CONTENTS[expected["served"]]


@pytest.mark.parametrize("route", ROUTES)
def test_symlinked_folder_inside_static_is_followed(site, fetch, route):
    """A symlink inside the static folder that points to a folder outside it is followed, so its files are served: containment is checked on the path, not the link target (Flask API: send_from_directory)."""
    response = fetch(site, f"/{route}/link/o.txt")

    assert (response.status_code, response.data) == (200, OUTSIDE)


@pytest.mark.parametrize("route", ROUTES)
def test_symlinked_file_inside_static_is_followed(site, fetch, route):
    """A symlink inside the static folder that points to a file outside it is served with that file's content (Flask API: send_from_directory)."""
    response = fetch(site, f"/{route}/secret-link.txt")

    assert (response.status_code, response.data) == (200, SECRET)


def test_static_file_named_by_an_absolute_path_is_refused(target, site, site_root):
    """``send_static_file`` raises ``NotFound`` for an absolute path, even one naming a file inside the static folder (Flask API: Flask.send_static_file)."""
    with site.test_request_context():
        with pytest.raises(NotFound):
            site.send_static_file(str(site_root / "static" / "a.txt"))


def test_traversal_404_is_the_generic_not_found_page(site, fetch):
    """The 404 for a static URL climbing out of the folder is the generic Not Found page, naming no file system path (Flask API: send_from_directory)."""
    response = fetch(site, "/static/%2e%2e/secret.txt")

    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.text == (
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
        "<p>The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling and try again.</p>\n"
    )
