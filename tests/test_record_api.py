"""``conformance record-api``: the api area's records are the installed Flask's surface."""

from __future__ import annotations

import json
from pathlib import Path

from conformance import api_surface
from conformance.cli import main


def test_recorded_surface_is_the_installed_flasks(tmp_path: Path, capsys) -> None:
    assert main(["record-api", "--output", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for path in sorted(api_surface.API_DATA_DIR.glob("*.json")):
        fresh = tmp_path / path.name
        assert fresh.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"fixtures/data/api/{path.name} is stale: run `python -m conformance record-api`"
        )
        records = json.loads(fresh.read_text(encoding="utf-8"))["records"]
        assert f"{path.stem:<20}{len(records):>5}" in printed


def test_parameters_are_written_as_in_a_def_line() -> None:
    def sample(a, b=1, /, c=2, *args, d, e=3, **kwargs):
        pass

    def keyword_only(a, *, b):
        pass

    assert api_surface.parameters(sample) == [
        "a",
        "b=",
        "/",
        "c=",
        "*args",
        "d",
        "e=",
        "**kwargs",
    ]
    assert api_surface.parameters(keyword_only) == ["a", "*", "b"]
    assert api_surface.parameters(len) == ["obj", "/"]


def test_member_kinds_follow_behaviour_not_storage() -> None:
    class Lazy:
        def __get__(self, instance, owner):
            return dict

    class Example:
        plain = 1
        lazily_a_class = Lazy()

        def method(self):
            pass

        @property
        def computed(self):
            return 1

        @classmethod
        def build(cls):
            pass

        @staticmethod
        def helper():
            pass

    kinds = {
        name: api_surface.member_kind(Example, name)
        for name in ("plain", "lazily_a_class", "method", "computed", "build", "helper")
    }
    assert kinds == {
        "plain": "attribute",
        "lazily_a_class": "attribute",
        "method": "method",
        "computed": "property",
        "build": "classmethod",
        "helper": "staticmethod",
    }
