"""Which submodules a bare ``import flask`` leaves bound as attributes of the package.

Each spec runs in a new interpreter, so that nothing imported earlier in the
run makes the submodule an attribute behind the package's back.
"""

import pytest

from conformance.support import in_fresh_process

#: The submodules Flask 3.1's own import loads; ``views``, ``testing`` and
#: ``debughelpers`` are not among them.
SUBMODULES_AFTER_IMPORT = [
    "app",
    "blueprints",
    "cli",
    "config",
    "ctx",
    "globals",
    "helpers",
    "json",
    "logging",
    "sansio",
    "sessions",
    "signals",
    "templating",
    "typing",
    "wrappers",
]


@pytest.mark.parametrize("name", SUBMODULES_AFTER_IMPORT)
def test_bare_import_binds_the_submodule_as_an_attribute(target, name):
    """In a new process, right after ``import flask`` and nothing else, ``flask.<submodule>`` gives the submodule for each one Flask's import loads, so ``flask.cli.AppGroup`` works without ``import flask.cli`` (Flask API: API)."""
    found = in_fresh_process(
        target,
        f"""
        import types
        package = target.adapter.module("")
        value = getattr(package, {name!r}, None)
        result = {{
            "is_module": isinstance(value, types.ModuleType),
            "name": getattr(value, "__name__", "").rpartition(".")[2],
        }}
        """,
    )

    assert found == {"is_module": True, "name": name}
