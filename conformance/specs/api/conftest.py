"""The ``api`` area's marker: which tier of Flask's surface a spec checks.

``tier("documented")`` marks Flask's public API; ``tier("extension")`` marks
what extensions import or override beyond it (see ``conformance.api_surface``).
"""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "tier(name): the tier of Flask's public surface an api spec checks"
        " ('documented' or 'extension')",
    )
