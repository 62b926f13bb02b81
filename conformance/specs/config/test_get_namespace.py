"""``Config.get_namespace``: the subset of keys under a prefix."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("config_namespaces"))
def test_get_namespace_options(target, given, expected):
    """``get_namespace`` returns the keys under the prefix, lowercased and with the prefix removed unless told otherwise (Flask API: Config.get_namespace)."""
    app = target.Flask("conformance_config_namespace")
    app.config.update(
        IMAGE_STORE_TYPE="fs",
        IMAGE_STORE_BASE_URL="http://img",
        IMAGE_STOREX="outside",
        OTHER_IMAGE_STORE_TYPE="not a prefix",
    )

    assert app.config.get_namespace("IMAGE_STORE_", **given) == expected


def test_get_namespace_is_case_sensitive(target):
    """``get_namespace`` matches the prefix case-sensitively (Flask API: Config.get_namespace)."""
    app = target.Flask("conformance_config_namespace_case")
    app.config["IMAGE_STORE_TYPE"] = "fs"

    assert app.config.get_namespace("image_store_") == {}


def test_get_namespace_returns_a_new_dict(target):
    """The dict returned by ``get_namespace`` is a copy, so changing it leaves the config alone (Flask API: Config.get_namespace)."""
    app = target.Flask("conformance_config_namespace_copy")
    app.config["IMAGE_STORE_TYPE"] = "fs"

    namespace = app.config.get_namespace("IMAGE_STORE_")
    namespace["type"] = "s3"

    assert app.config["IMAGE_STORE_TYPE"] == "fs"
