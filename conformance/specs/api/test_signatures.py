"""The parameters of Flask's public callables: names, kinds and which have defaults."""

import inspect

import pytest

from conformance.api_surface import parameters, unwrap_member

from .lookup import params, resolve


def _check_signature(target, record):
    if record["owner"] is None:
        found = resolve(target, record["path"])
    else:
        owner = resolve(target, record["owner"])
        try:
            found = unwrap_member(inspect.getattr_static(owner, record["name"]))
        except AttributeError:
            pytest.fail(f"{record['owner']} on {target.name} has no {record['name']}")
    assert parameters(found) == record["parameters"], f"{record['path']} on {target.name}"


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", params("signatures", "documented"))
def test_signature(target, record):
    """A public function or method takes the parameters Flask's does: the same names in the same order, of the same kinds, the same ones with defaults (Flask API: API)."""
    _check_signature(target, record)


@pytest.mark.tier("extension")
@pytest.mark.parametrize("record", params("signatures", "extension"))
def test_extension_seam_signature(target, record):
    """An override seam extensions subclass takes the parameters Flask's does, so an override written for Flask is called as it expects (Flask API: Application Object)."""
    _check_signature(target, record)
