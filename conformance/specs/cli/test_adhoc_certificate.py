"""``--cert adhoc`` when the ``cryptography`` library is installed but cannot be imported."""

import importlib.abc
import importlib.util
import sys

import click
import pytest


class _BrokenInstall(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``cryptography`` (as an installed package is found) and fails to import it."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] == "cryptography":
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise ImportError("the cryptography library is broken in this environment")


@pytest.fixture
def broken_cryptography(monkeypatch):
    """Make ``import cryptography`` fail although the package can be found."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "cryptography"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_BrokenInstall(), *sys.meta_path])


def test_adhoc_certificate_needs_an_importable_cryptography(target, broken_cryptography):
    """The ``--cert`` parameter type rejects ``adhoc`` with a usage error naming ``cryptography`` when that library is found but fails to import (Flask API: flask.cli.CertParamType)."""
    with pytest.raises(click.BadParameter) as caught:
        target.cli.CertParamType().convert("adhoc", None, None)

    assert "cryptography" in caught.value.format_message()
