"""Flask's sentence when an application's root path cannot be found."""

import importlib.abc
import importlib.util
import sys

import pytest

HOOKED = "conformance_wording_hooked_module"


class _FilelessLoader(importlib.abc.Loader):
    """Loads an empty module that has no ``__file__``, as some import hooks do."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        return None


class _FilelessFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == HOOKED:
            return importlib.util.spec_from_loader(name, _FilelessLoader())
        return None


def test_root_path_of_a_module_without_file_message(target, monkeypatch):
    """An app named after a module whose import hook gives no file name raises RuntimeError with exactly Flask's sentences naming the module (Flask API: Flask)."""
    monkeypatch.setattr(sys, "meta_path", [_FilelessFinder(), *sys.meta_path])
    monkeypatch.delitem(sys.modules, HOOKED, raising=False)
    try:
        with pytest.raises(RuntimeError) as raised:
            target.Flask(HOOKED)
    finally:
        sys.modules.pop(HOOKED, None)
    assert str(raised.value) == (
        f"No root path can be found for the provided module '{HOOKED}'. This can happen because"
        " the module came from an import hook that does not provide file name information or"
        " because it's a namespace package. In this case the root path needs to be explicitly"
        " provided."
    )
