"""The instance folder of an application module inside a namespace package."""

import sys
from pathlib import Path


def test_module_of_a_namespace_package_uses_the_first_portion_for_its_instance_folder(
    target, tmp_path, monkeypatch
):
    """An application module inside a namespace package spread over several folders has its instance folder beside the package's first portion, as ``<folder>/instance`` (Flask docs: Instance Folders)."""
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "conformance_ns").mkdir(parents=True)
    (second / "conformance_ns").mkdir(parents=True)
    (first / "conformance_ns" / "site.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    for name in [name for name in sys.modules if name.startswith("conformance_ns")]:
        monkeypatch.delitem(sys.modules, name)

    app = target.Flask("conformance_ns.site")

    assert Path(app.instance_path) == first / "instance"


def test_package_inside_a_later_namespace_portion_uses_that_portion_for_its_instance_folder(
    target, tmp_path, monkeypatch
):
    """An application package inside a namespace package spread over several folders has its instance folder beside the portion that holds the package, even when it is not the first (Flask docs: Instance Folders)."""
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "conformance_ns_later").mkdir(parents=True)
    (second / "conformance_ns_later" / "site").mkdir(parents=True)
    (second / "conformance_ns_later" / "site" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    for name in [name for name in sys.modules if name.startswith("conformance_ns_later")]:
        monkeypatch.delitem(sys.modules, name)

    app = target.Flask("conformance_ns_later.site")

    assert Path(app.instance_path) == second / "instance"
