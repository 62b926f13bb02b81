"""Fixtures of the static area: an application rooted in ``fixtures/apps/static``."""

import pytest

from conformance.paths import APPS_DIR

ROOT = APPS_DIR / "static"


@pytest.fixture
def make_site(target):
    """Build a testing app rooted in ``fixtures/apps/static`` (its instance folder there)."""

    def make(**options):
        options.setdefault("root_path", str(ROOT))
        options.setdefault("instance_path", str(ROOT / "instance"))
        site = target.make_app("static_site", **options)
        site.config["TESTING"] = True
        return site

    return make


@pytest.fixture
def site(make_site):
    """The default application of the static area."""
    return make_site()


@pytest.fixture
def fetch(target):
    """GET a URL from an app, read the whole body and close the response."""

    def get(app, url, **kwargs):
        response = target.make_client(app).get(url, **kwargs)
        response.get_data()
        response.close()
        return response

    return get
