"""Fixtures of the security area: a site on disk with a static folder, a file
outside it and symlinks that lead out, built per spec in ``tmp_path``.

Symlinks are made at run time rather than committed so the fixtures work on
any checkout (Git on some systems turns them into plain files).
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: What the files of :func:`site_root` contain, so specs can tell them apart.
INSIDE = b"inside the static folder"
NESTED = b"nested in sub"
SECRET = b"SECRET outside the static folder"
OUTSIDE = b"in a folder beside the static folder"


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    """A root path holding ``static/`` (files, a subfolder, symlinks out) and files beside it."""
    static = tmp_path / "static"
    (static / "sub").mkdir(parents=True)
    (static / "a.txt").write_bytes(INSIDE)
    (static / "sub" / "b.txt").write_bytes(NESTED)
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.txt").write_bytes(OUTSIDE)
    (static / "link").symlink_to(Path("..") / "outside", target_is_directory=True)
    (static / "secret-link.txt").symlink_to(Path("..") / "secret.txt")
    return tmp_path


@pytest.fixture
def site(target, site_root: Path):
    """A testing app rooted in :func:`site_root`, with a view serving its static
    folder through ``send_from_directory`` at ``/files/<path:name>``."""
    site = target.make_app("security_site", root_path=str(site_root))
    site.config["TESTING"] = True

    @site.route("/files/<path:name>")
    def files(name):
        return target.send_from_directory(site.static_folder, name)

    return site


@pytest.fixture
def fetch(target):
    """GET a URL from an app, read the whole body and close the response."""

    def get(app, url: str, **kwargs):
        response = target.make_client(app).get(url, **kwargs)
        response.get_data()
        response.close()
        return response

    return get
