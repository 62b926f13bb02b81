"""``open_resource`` and ``open_instance_resource``."""

import pytest

from .conftest import ROOT


def test_open_resource_is_relative_to_root_path(site):
    """``open_resource`` opens a file relative to the app's ``root_path``, in binary mode by default (Flask API: Flask.open_resource)."""
    with site.open_resource("resources/schema.sql") as f:
        assert f.read() == b"schema bytes\n"


@pytest.mark.parametrize("mode", ["r", "rt"])
def test_open_resource_text_mode_decodes_utf8(site, mode):
    """``open_resource`` in text mode decodes the file as UTF-8 by default (Flask API: Flask.open_resource)."""
    with site.open_resource("resources/utf8.txt", mode) as f:
        assert f.read() == "résumé\n"


def test_open_resource_text_mode_with_encoding(site):
    """``open_resource`` in text mode decodes the file with the given ``encoding`` (Flask API: Flask.open_resource)."""
    with site.open_resource("resources/latin1.txt", "r", encoding="latin-1") as f:
        assert f.read() == "café\n"


def test_open_resource_binary_ignores_encoding(site):
    """``open_resource`` in binary mode ignores ``encoding`` and returns bytes (Flask API: Flask.open_resource)."""
    with site.open_resource("resources/utf8.txt", "rb", encoding="latin-1") as f:
        assert f.read() == "résumé\n".encode()


@pytest.mark.parametrize("mode", ["w", "wb", "a", "r+", "x"])
def test_open_resource_rejects_writing_modes(site, mode):
    """``open_resource`` raises ``ValueError`` for any mode other than reading (Flask API: Flask.open_resource)."""
    with pytest.raises(ValueError):
        site.open_resource("resources/new.txt", mode)

    assert not (ROOT / "resources" / "new.txt").exists()


def test_open_resource_missing_file(site):
    """``open_resource`` raises ``FileNotFoundError`` for a file that does not exist (Flask API: Flask.open_resource)."""
    with pytest.raises(FileNotFoundError):
        site.open_resource("resources/missing.txt")


def test_open_instance_resource_is_relative_to_instance_path(site):
    """``open_instance_resource`` opens a file relative to the app's ``instance_path``, in binary mode by default (Flask API: Flask.open_instance_resource)."""
    assert site.instance_path == str(ROOT / "instance")
    with site.open_instance_resource("settings.txt") as f:
        assert f.read() == b"instance data\n"


def test_open_instance_resource_text_mode(site):
    """``open_instance_resource`` in text mode returns text decoded as UTF-8 by default (Flask API: Flask.open_instance_resource)."""
    with site.open_instance_resource("settings.txt", "r") as f:
        assert f.read() == "instance data\n"


def test_open_instance_resource_allows_writing(make_site, tmp_path):
    """``open_instance_resource`` may open files for writing, with the given ``encoding`` in text mode (Flask API: Flask.open_instance_resource)."""
    app = make_site(instance_path=str(tmp_path))

    with app.open_instance_resource("state.txt", "w", encoding="latin-1") as f:
        f.write("café")
    with app.open_instance_resource("data.bin", "wb") as f:
        f.write(b"\x00\x01")

    assert (tmp_path / "state.txt").read_bytes() == b"caf\xe9"
    assert (tmp_path / "data.bin").read_bytes() == b"\x00\x01"


def test_relative_instance_path_is_rejected(make_site):
    """Creating an app with a relative ``instance_path`` raises ``ValueError`` (Flask API: Flask.instance_path)."""
    with pytest.raises(ValueError):
        make_site(instance_path="instance")
