"""Where the suite's files live: the specs in the package, the fixtures beside it."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SPECS_DIR = PACKAGE_DIR / "specs"
REPOSITORY_DIR = PACKAGE_DIR.parent
FIXTURES_DIR = REPOSITORY_DIR / "fixtures"
EXPECTATIONS_DIR = FIXTURES_DIR / "expectations"
APPS_DIR = FIXTURES_DIR / "apps"
DATA_DIR = FIXTURES_DIR / "data"
