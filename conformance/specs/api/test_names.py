"""Every public name of Flask's package and submodules, with its kind."""

import pytest

from conformance.api_surface import name_kind

from .lookup import params, resolve


def _check_name(target, record):
    found = resolve(target, record["path"])
    assert name_kind(found) == record["kind"], (
        f"{record['path']}: {name_kind(found)} on {target.name}, {record['kind']} in Flask"
    )


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", params("names", "documented"))
def test_public_name_exists(target, record):
    """Flask's package and each public submodule have this public name, and it is a class, a function or another object as in Flask (Flask API: API)."""
    _check_name(target, record)


@pytest.mark.tier("extension")
@pytest.mark.parametrize("record", params("names", "extension"))
def test_extension_name_exists(target, record):
    """A name extensions import from Flask's submodules beyond the documented API (context variables, signal namespace, debug helpers) exists with Flask's kind (Flask docs: Flask Extension Development)."""
    _check_name(target, record)
