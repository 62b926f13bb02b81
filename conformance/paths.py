"""Where the suite's files live: the specs and their fixtures, inside the package.

``conformance/fixtures`` is a link to the repository's ``fixtures/`` folder in
a clone, and a copy of it in an installed wheel, so the specs find their apps,
templates, data tables and expectations the same way in both.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SPECS_DIR = PACKAGE_DIR / "specs"
#: The folder holding the package: a clone's root, or site-packages once installed.
REPOSITORY_DIR = PACKAGE_DIR.parent
FIXTURES_DIR = PACKAGE_DIR / "fixtures"
EXPECTATIONS_DIR = FIXTURES_DIR / "expectations"
APPS_DIR = FIXTURES_DIR / "apps"
DATA_DIR = FIXTURES_DIR / "data"
#: The settings of the test processes the command starts (see the file).
CHILD_PYTEST_INI = PACKAGE_DIR / "pytest-specs.ini"


def child_pytest_args() -> list[str]:
    """Arguments that make a child ``python -m pytest`` run the specs the same way
    from any folder: our settings file, and node ids rooted above the package."""
    return ["-c", str(CHILD_PYTEST_INI), "--rootdir", str(REPOSITORY_DIR)]
