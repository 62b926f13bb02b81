"""Areas: the chapters of the spec suite, one folder each under ``specs/``.

Each area folder holds an ``AREA.toml`` with a title, a one-line description
and the Flask documentation it draws on.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from conformance.capabilities import check_names
from conformance.paths import SPECS_DIR


@dataclass(frozen=True)
class Area:
    name: str
    title: str
    description: str
    docs: str
    #: Capabilities every spec of the area needs (see conformance.capabilities).
    requires: tuple[str, ...] = ()


def discover_areas(specs_dir: Path = SPECS_DIR) -> dict[str, Area]:
    areas = {}
    for meta in sorted(specs_dir.glob("*/AREA.toml")):
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
        name = meta.parent.name
        areas[name] = Area(
            name=name,
            title=data.get("title", name),
            description=data.get("description", ""),
            docs=data.get("docs", ""),
            requires=check_names(data.get("requires", []), str(meta)),
        )
    return areas


def parse_area_option(values: list[str] | None) -> list[str]:
    """Split repeated and comma-separated ``--area`` values into names."""
    names: list[str] = []
    for value in values or []:
        names += [name.strip() for name in value.split(",") if name.strip()]
    return names


def area_of(spec_path: Path, specs_dir: Path = SPECS_DIR) -> str | None:
    try:
        relative = spec_path.resolve().relative_to(specs_dir)
    except ValueError:
        return None
    return relative.parts[0] if len(relative.parts) > 1 else None
