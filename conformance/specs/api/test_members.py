"""The members of Flask's public classes: methods, properties and class attributes."""

import inspect

import pytest

from conformance.api_surface import member_kind

from .lookup import params, resolve

_MISSING = object()


def _check_member(target, record):
    owner = resolve(target, record["owner"])
    if inspect.getattr_static(owner, record["name"], _MISSING) is _MISSING:
        pytest.fail(f"{record['owner']} on {target.name} has no {record['name']}")
    kind = member_kind(owner, record["name"])
    assert kind == record["kind"], (
        f"{record['path']}: {kind} on {target.name}, {record['kind']} in Flask"
    )


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", params("members", "documented"))
def test_class_member(target, record):
    """A public class of Flask has this member, and it is a method, class method, static method, property or plain class attribute as in Flask (Flask API: API)."""
    _check_member(target, record)


@pytest.mark.tier("extension")
@pytest.mark.parametrize("record", params("members", "extension"))
def test_extension_seam_member(target, record):
    """An override seam extensions subclass (``make_response``, ``handle_exception``, ``wsgi_app``, ``Blueprint.register``, the ``*_class`` attributes...) is a member of the same kind as in Flask (Flask API: Application Object)."""
    _check_member(target, record)
