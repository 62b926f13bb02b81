"""Instance folders: ``instance_path``, ``instance_relative_config`` and instance resources."""

import os
import sys

import pytest

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"
INSTANCE = CONFIG_APP / "instance"


@pytest.fixture
def on_path(monkeypatch):
    """Put fixtures/apps/config first on ``sys.path`` without importing anything from it."""
    monkeypatch.syspath_prepend(str(CONFIG_APP))


def test_module_app_instance_folder_is_beside_the_module(target, on_path):
    """An app named after an importable module that is not installed gets ``<module folder>/instance`` as ``instance_path`` (Flask docs: Instance Folders)."""
    app = target.Flask("conformance_config_module_app")

    assert app.instance_path == str(INSTANCE)


def test_package_app_instance_folder_is_beside_the_package(target, on_path):
    """An app named after a package that is not installed gets an ``instance`` folder next to the package folder (Flask docs: Instance Folders)."""
    app = target.Flask("conformance_config_package")

    assert app.root_path == str(CONFIG_APP / "conformance_config_package")
    assert app.instance_path == str(INSTANCE)


def test_unimportable_app_instance_folder_is_in_the_working_directory(
    target, monkeypatch, tmp_path
):
    """An app whose import name cannot be found gets ``instance`` in the current working directory (Flask docs: Instance Folders)."""
    monkeypatch.chdir(tmp_path)

    app = target.Flask("conformance_config_no_such_module")

    assert app.instance_path == os.path.join(str(tmp_path), "instance")


def test_installed_package_instance_folder_is_under_the_prefix(target):
    """An app named after a package installed in the environment gets ``<prefix>/var/<name>-instance`` (Flask docs: Instance Folders)."""
    app = target.Flask("werkzeug")

    assert app.instance_path == os.path.join(
        os.path.abspath(sys.prefix), "var", "werkzeug-instance"
    )


def test_explicit_absolute_instance_path_is_kept(target, tmp_path):
    """An absolute ``instance_path`` given to the constructor becomes ``app.instance_path`` as is (Flask API: Flask)."""
    app = target.Flask("conformance_config_explicit", instance_path=str(tmp_path))

    assert app.instance_path == str(tmp_path)


def test_relative_instance_path_raises(target):
    """A relative ``instance_path`` given to the constructor raises ``ValueError`` (Flask API: Flask)."""
    with pytest.raises(ValueError, match="absolute"):
        target.Flask("conformance_config_relative", instance_path="instance")


def test_instance_folder_is_not_created(target, tmp_path):
    """Creating an app does not create its instance folder on disk (Flask docs: Instance Folders)."""
    folder = tmp_path / "instance"

    target.Flask("conformance_config_not_created", instance_path=str(folder))

    assert not folder.exists()


def test_instance_relative_config_roots_the_config_in_the_instance_folder(target):
    """With ``instance_relative_config=True`` the config's ``root_path`` is the instance path, so ``from_pyfile`` reads from it (Flask docs: Instance Folders)."""
    app = target.Flask(
        "conformance_config_instance_relative",
        root_path=str(CONFIG_APP),
        instance_path=str(INSTANCE),
        instance_relative_config=True,
    )

    assert app.config.root_path == str(INSTANCE)
    app.config.from_pyfile("instance_settings.py")
    assert app.config["GREETING"] == "hello from the instance folder"
    assert app.config.from_pyfile("settings_in_root_only.py", silent=True) is False


def test_config_is_root_relative_by_default(target):
    """Without ``instance_relative_config`` the config reads files relative to the root path, not the instance folder (Flask docs: Instance Folders)."""
    app = target.Flask(
        "conformance_config_root_relative", root_path=str(CONFIG_APP), instance_path=str(INSTANCE)
    )

    assert app.config.from_pyfile("instance_settings.py", silent=True) is False
    app.config.from_pyfile("settings_in_root_only.py")
    assert app.config["GREETING"] == "hello from the root folder"


def test_open_instance_resource_reads_from_the_instance_folder(target):
    """``open_instance_resource`` opens a file relative to the instance path, in binary mode by default (Flask API: Flask.open_instance_resource)."""
    app = target.Flask("conformance_config_instance_resource", instance_path=str(INSTANCE))

    with app.open_instance_resource("notes.txt") as handle:
        assert handle.read() == b"instance resource\n"


def test_open_instance_resource_text_mode(target):
    """``open_instance_resource`` with mode ``"r"`` returns text (Flask API: Flask.open_instance_resource)."""
    app = target.Flask("conformance_config_instance_resource_text", instance_path=str(INSTANCE))

    with app.open_instance_resource("notes.txt", "r") as handle:
        assert handle.read() == "instance resource\n"
