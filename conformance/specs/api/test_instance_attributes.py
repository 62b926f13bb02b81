"""The attributes a new application and a new blueprint carry."""

import pytest

from conformance.api_surface import value_type

from .lookup import INSTANCE_BUILDERS, params

_MISSING = object()


def _check_attribute(target, record):
    instance = INSTANCE_BUILDERS[record["owner"]](target)
    value = getattr(instance, record["name"], _MISSING)
    assert value is not _MISSING, (
        f"a new {record['owner']} on {target.name} has no {record['name']}"
    )
    if record["type"] != "object":
        assert value_type(value) == record["type"], (
            f"{record['path']}: {value_type(value)} on {target.name}, {record['type']} in Flask"
        )


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", params("instance_attributes", "documented"))
def test_instance_attribute(target, record):
    """A new application or blueprint has this attribute, holding a value of the same builtin type as in Flask where Flask's is one (Flask API: Application Object)."""
    _check_attribute(target, record)


@pytest.mark.tier("extension")
@pytest.mark.parametrize("record", params("instance_attributes", "extension"))
def test_extension_instance_attribute(target, record):
    """A registry extensions read or fill on a new application or blueprint (``extensions``, ``view_functions``, the hook dictionaries...) exists with Flask's builtin type (Flask docs: Flask Extension Development)."""
    _check_attribute(target, record)
