"""Reaching the target's counterpart of a recorded path, for the ``api`` specs.

Records name things by Flask's dotted paths (``flask.json.tag.TagDict``,
``flask.Flask.url_for``); these helpers walk the same path from ``target``,
attribute by attribute, and fail the spec with the path when a step is missing.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.api_surface import read_records
from conformance.targets import Unsupported

PACKAGE = "flask"

#: How each recorded owner of instance attributes is built on a target.
INSTANCE_BUILDERS = {
    "flask.Flask": lambda target: target.make_app("api_surface"),
    "flask.Blueprint": lambda target: target.Blueprint("api_surface", "api_surface"),
}


def resolve(target: Any, path: str) -> Any:
    """The target's object at Flask's dotted *path*; fail the spec naming the first missing step."""
    obj = target
    reached = PACKAGE
    for part in path.split(".")[1:]:
        try:
            obj = getattr(obj, part)
        except Unsupported:
            raise  # the target does not offer this part at all: graded unsupported
        except AttributeError:
            pytest.fail(f"target {target.name!r} has no {reached}.{part} (Flask has {path})")
        reached = f"{reached}.{part}"
    return obj


def params(kind: str, tier: str) -> list[Any]:
    """The records of one kind and tier, as ``pytest.param`` objects with the path as id."""
    return [pytest.param(record, id=record["path"]) for record in read_records(kind, tier)]
