"""The submodules a bare import of the package makes attributes of it."""

import pytest

from conformance.capabilities import CAPABILITIES, covering
from conformance.support import in_fresh_process

from .lookup import params

_PROGRAM = """
result = target.adapter.submodule_bound({submodule!r})
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


@pytest.mark.tier("documented")
@pytest.mark.parametrize("record", _RECORDS)
def test_bare_import_exposes_submodule(target, record):
    """Right after a bare ``import flask`` in a new process, this submodule is an attribute of the package, as code that writes ``flask.cli.AppGroup`` or ``flask.json.provider`` without importing it expects (Flask API: API)."""
    # One new process per record: importing one submodule to look at it
    # could bind another and hide its absence.
    submodule = record["submodule"]
    found = in_fresh_process(target, _PROGRAM.format(submodule=submodule))

    assert found is True
