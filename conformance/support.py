"""Helpers for writing specs: tables of cases read from ``fixtures/data``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.paths import DATA_DIR


def cases(name: str) -> list[Any]:
    """Read ``fixtures/data/<name>.json`` (a list of ``{description, input, expected}``
    records) as ``pytest.param`` objects whose ids are the descriptions."""
    records = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    ids = [record["description"] for record in records]
    if len(set(ids)) != len(ids):
        raise ValueError(f"fixtures/data/{name}.json has duplicate descriptions")
    return [
        pytest.param(record["input"], record["expected"], id=record["description"])
        for record in records
    ]
