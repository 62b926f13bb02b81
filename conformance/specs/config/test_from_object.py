"""``Config.from_object`` with objects and import strings."""

import sys

import pytest

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"


@pytest.fixture
def importable(monkeypatch):
    """Put fixtures/apps/config on ``sys.path``; forget the imported module afterwards."""
    monkeypatch.syspath_prepend(str(CONFIG_APP))
    monkeypatch.delitem(sys.modules, "conformance_config_objects", raising=False)


def test_from_object_loads_uppercase_class_attributes(target):
    """``from_object`` given a class copies its uppercase attributes into the config (Flask API: Config.from_object)."""

    class Settings:
        GREETING = "hi"
        ANSWER = 3

    app = target.Flask("conformance_config_object")
    app.config.from_object(Settings)

    assert app.config["GREETING"] == "hi"
    assert app.config["ANSWER"] == 3


def test_from_object_skips_names_not_all_uppercase(target):
    """``from_object`` ignores attributes whose names are lowercase or mixed case (Flask API: Config.from_object)."""

    class Settings:
        KEPT = 1
        lowered = 2
        Mixed = 3
        _PRIVATE_lower = 4

    app = target.Flask("conformance_config_object_case")
    app.config.from_object(Settings)

    assert app.config["KEPT"] == 1
    assert not {"lowered", "Mixed", "_PRIVATE_lower", "LOWERED", "MIXED"} & set(app.config)


def test_from_object_includes_inherited_attributes(target):
    """``from_object`` given a subclass loads the uppercase attributes it inherits, with its own overriding them (Flask docs: Development / Production)."""

    class Base:
        DATABASE = "sqlite://"
        SHARED = "base"

    class Production(Base):
        DATABASE = "postgresql://"

    app = target.Flask("conformance_config_object_inherit")
    app.config.from_object(Production)

    assert app.config["DATABASE"] == "postgresql://"
    assert app.config["SHARED"] == "base"


def test_from_object_reads_instance_properties(target):
    """``from_object`` given an instance reads its uppercase properties (Flask API: Config.from_object)."""

    class Settings:
        def __init__(self, host):
            self.host = host

        @property
        def DATABASE_URI(self):
            return f"mysql://{self.host}/db"

    app = target.Flask("conformance_config_object_property")
    app.config.from_object(Settings("db.example"))

    assert app.config["DATABASE_URI"] == "mysql://db.example/db"


def test_from_object_ignores_dict_keys(target):
    """``from_object`` given a ``dict`` loads none of its keys, as they are not attributes (Flask API: Config.from_object)."""
    app = target.Flask("conformance_config_object_dict")
    before = dict(app.config)

    app.config.from_object({"GREETING": "hi"})

    assert "GREETING" not in app.config
    assert dict(app.config) == before


def test_from_object_overrides_existing_keys(target):
    """``from_object`` replaces values already in the config, defaults included (Flask API: Config.from_object)."""

    class Settings:
        SESSION_COOKIE_NAME = "custom"

    app = target.Flask("conformance_config_object_override")
    app.config.from_object(Settings)

    assert app.config["SESSION_COOKIE_NAME"] == "custom"


def test_from_object_imports_a_module_by_name(target, importable):
    """``from_object`` given a module's import string imports it and loads its uppercase names (Flask API: Config.from_object)."""
    app = target.Flask("conformance_config_object_module")

    app.config.from_object("conformance_config_objects")

    assert app.config["GREETING"] == "hello from a module"
    assert app.config["ANSWER"] == 7
    assert "lowercase_value" not in app.config


@pytest.mark.parametrize(
    "name",
    ["conformance_config_objects.ProductionConfig", "conformance_config_objects:ProductionConfig"],
    ids=["dotted", "colon"],
)
def test_from_object_imports_a_class_by_name(target, importable, name):
    """``from_object`` given ``module.Class`` or ``module:Class`` imports that class and loads its uppercase attributes (Flask API: Config.from_object)."""
    app = target.Flask("conformance_config_object_class_name")

    app.config.from_object(name)

    assert app.config["DATABASE"] == "postgresql://production"
    assert app.config["GREETING"] == "hello from a class"
    assert "helper" not in app.config


def test_from_object_with_an_unknown_import_string_raises(target, importable):
    """``from_object`` given an import string that names nothing raises ``ImportError`` (Flask API: Config.from_object)."""
    app = target.Flask("conformance_config_object_missing")

    with pytest.raises(ImportError):
        app.config.from_object("conformance_config_objects.NoSuchConfig")
