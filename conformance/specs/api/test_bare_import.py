"""The submodules a bare import of the package makes attributes of it."""

import pytest

from conformance.capabilities import CAPABILITIES, covering
from conformance.support import in_fresh_process

from .lookup import params

_FOUND: dict[str, list[str]] = {}

_PROGRAM = """
root = target.adapter.module("")
result = []
for dotted in {submodules!r}:
    obj = root
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    if obj is not None:
        result.append(dotted)
"""


def _needing_capabilities(records):
    """A submodule that makes up a capability (``cli``, ``signals``) needs it: on a
    target declaring it unsupported, its record is graded unsupported."""
    marked = []
    for record in records:
        top = record.values[0]["submodule"].split(".")[0]
        capability = covering(top, dict.fromkeys(CAPABILITIES, ""))
        marks = [pytest.mark.requires(capability)] if capability else []
        marked.append(pytest.param(*record.values, id=record.id, marks=[*record.marks, *marks]))
    return marked


_RECORDS = _needing_capabilities(params("bare_import", "documented"))


def _attributes_after_bare_import(target) -> list[str]:
    """Which recorded submodules are attributes right after loading the target, in a new process.

    One process per target answers for every record.
    """
    if target.name not in _FOUND:
        submodules = [param.values[0]["submodule"] for param in _RECORDS]
        _FOUND[target.name] = in_fresh_process(target, _PROGRAM.format(submodules=submodules))
    return _FOUND[target.name]


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", _RECORDS)
def test_bare_import_exposes_submodule(target, record):
    """Right after a bare ``import flask`` in a new process, this submodule is an attribute of the package, as code that writes ``flask.json.provider`` without importing it expects (Flask API: API)."""
    assert record["submodule"] in _attributes_after_bare_import(target)
