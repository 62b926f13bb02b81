"""Fixtures for the async specs."""

import pytest


@pytest.fixture
def client_app_500(target):
    """An application that turns unhandled exceptions into 500 responses."""
    app = target.Flask("conformance_async_500")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    return app
