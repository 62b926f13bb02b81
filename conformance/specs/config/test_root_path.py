"""``root_path`` found from the import name when the module gives no usable file name."""

import importlib.util
import os
import sys
import types

import pytest

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"


class _HookLoader:
    """A loader of an import hook: it can build a module but offers no ``get_filename``."""

    def __init__(self, file_name):
        self.file_name = file_name

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        if self.file_name is not None:
            module.__file__ = self.file_name


class _HookFinder:
    """Finds one module name, served by a :class:`_HookLoader`."""

    def __init__(self, name, file_name):
        self.name, self.file_name = name, file_name

    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        return importlib.util.spec_from_loader(name, _HookLoader(self.file_name))


@pytest.fixture
def hook(monkeypatch):
    """Install an import hook for one name (its module not imported yet)."""

    def install(name, file_name=None):
        monkeypatch.setattr(sys, "meta_path", [_HookFinder(name, file_name), *sys.meta_path])
        # Recorded as absent first, so the module the spec imports is removed afterwards.
        monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.delitem(sys.modules, name)

    return install


def test_module_not_imported_yet_is_found_without_running_it(target, monkeypatch, tmp_path):
    """An app named after an importable module not imported yet gets that module's folder as ``root_path``, found from its file name without importing the module (Flask API: Flask)."""
    monkeypatch.syspath_prepend(str(CONFIG_APP))
    monkeypatch.setitem(sys.modules, "conformance_config_module_app", None)
    monkeypatch.delitem(sys.modules, "conformance_config_module_app")

    app = target.Flask("conformance_config_module_app", instance_path=str(tmp_path))

    assert app.root_path == str(CONFIG_APP)
    assert "conformance_config_module_app" not in sys.modules


def test_module_object_without_a_file_is_rooted_in_the_working_directory(
    target, monkeypatch, tmp_path
):
    """An app named after a module object in ``sys.modules`` that has no ``__file__`` and no spec (one built in code) gets the current working directory as ``root_path`` (Flask API: Flask)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "conformance_built", types.ModuleType("conformance_built"))

    app = target.Flask("conformance_built", instance_path=str(tmp_path / "instance"))

    assert app.root_path == str(tmp_path)


def test_module_object_with_a_file_is_rooted_beside_that_file(target, monkeypatch, tmp_path):
    """An app named after a module object in ``sys.modules`` with a ``__file__`` but no import spec gets the folder of that ``__file__`` as ``root_path`` (Flask API: Flask)."""
    monkeypatch.chdir(tmp_path)
    module = types.ModuleType("conformance_built_with_file")
    module.__file__ = str(tmp_path / "elsewhere" / "built.py")
    monkeypatch.setitem(sys.modules, "conformance_built_with_file", module)

    app = target.Flask("conformance_built_with_file", instance_path=str(tmp_path / "instance"))

    assert app.root_path == str(tmp_path / "elsewhere")


def test_module_from_an_import_hook_without_file_name_needs_an_explicit_root_path(
    target, hook, tmp_path
):
    """An app named after a module an import hook loads without any file name raises ``RuntimeError`` naming the module, since no ``root_path`` can be found (Flask API: Flask)."""
    hook("conformance_hooked")

    with pytest.raises(RuntimeError) as caught:
        target.Flask("conformance_hooked", instance_path=str(tmp_path))

    assert "'conformance_hooked'" in str(caught.value)


def test_module_from_an_import_hook_is_rooted_beside_the_file_it_sets(target, hook, tmp_path):
    """An app named after a module an import hook loads, its loader lacking ``get_filename``, gets the folder of the module's ``__file__`` as ``root_path`` (Flask API: Flask)."""
    file_name = str(tmp_path / "pkg" / "hooked.py")
    hook("conformance_hooked_file", file_name)

    app = target.Flask("conformance_hooked_file", instance_path=str(tmp_path))

    assert app.root_path == os.path.dirname(file_name)
    assert sys.modules["conformance_hooked_file"].__file__ == file_name
