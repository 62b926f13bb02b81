"""``send_from_directory``: safe serving of request-chosen paths within a folder."""

import pytest
from werkzeug.exceptions import NotFound

from .conftest import ROOT


def _serve(app, target, directory, **kwargs):
    @app.route("/files/<path:name>")
    def files(name):
        return target.send_from_directory(directory, name, **kwargs)

    return target.make_client(app)


def _get(client, url):
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def test_serves_a_file_in_the_directory(target, site):
    """``send_from_directory`` sends the named file from inside the directory (Flask API: send_from_directory)."""
    client = _serve(site, target, str(ROOT / "static"))

    response = _get(client, "/files/hello.txt")

    assert response.status_code == 200
    assert response.data == b"hello static\n"


def test_serves_a_file_in_a_subdirectory(target, site):
    """A path with slashes reaches files in subdirectories of the directory (Flask API: send_from_directory)."""
    client = _serve(site, target, str(ROOT / "static"))

    assert _get(client, "/files/sub/nested.txt").data == b"nested file\n"


def test_relative_directory_is_relative_to_root_path(target, site):
    """A relative directory is resolved against the application's ``root_path`` (Flask API: send_from_directory)."""
    client = _serve(site, target, "static")

    assert _get(client, "/files/sub/nested.txt").data == b"nested file\n"


def test_missing_file_is_404(target, site):
    """A path naming no existing file answers 404 (Flask API: send_from_directory)."""
    client = _serve(site, target, "static")

    assert _get(client, "/files/missing.txt").status_code == 404


def test_directory_path_is_404(target, site):
    """A path naming a subdirectory rather than a regular file answers 404 (Flask API: send_from_directory)."""
    client = _serve(site, target, "static")

    assert _get(client, "/files/sub").status_code == 404


@pytest.mark.parametrize("name", ["../secret.txt", "sub/../../secret.txt", "/etc/passwd"])
def test_path_leaving_the_directory_raises_not_found(target, site, name):
    """A path that would leave the directory, by ``..`` or by being absolute, raises ``NotFound`` (Flask API: send_from_directory)."""
    with site.test_request_context(), pytest.raises(NotFound):
        target.send_from_directory(str(ROOT / "static"), name)


def test_keyword_arguments_reach_send_file(target, site):
    """Extra keyword arguments of ``send_from_directory`` are passed on to ``send_file`` (Flask API: send_from_directory)."""
    client = _serve(site, target, "static", as_attachment=True, download_name="saved.txt")

    response = _get(client, "/files/hello.txt")

    assert response.headers["Content-Disposition"] == "attachment; filename=saved.txt"
