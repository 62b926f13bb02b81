"""``Config.from_file``: data files read with a loader such as ``json.load``."""

import json
import tomllib

import pytest

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"


@pytest.fixture
def config_app(target):
    return target.Flask("conformance_config_file", root_path=str(CONFIG_APP))


def test_from_file_loads_json(config_app):
    """``from_file`` with ``load=json.load`` reads a JSON file relative to the root path and returns ``True`` (Flask API: Config.from_file)."""
    assert config_app.config.from_file("settings.json", load=json.load) is True

    assert config_app.config["GREETING"] == "hello from settings.json"
    assert config_app.config["NESTED"] == {"LEVEL": 2}


def test_from_file_loads_toml_in_binary_mode(config_app):
    """``from_file`` with ``load=tomllib.load`` and ``text=False`` reads a TOML file opened in binary mode (Flask API: Config.from_file)."""
    config_app.config.from_file("settings.toml", load=tomllib.load, text=False)

    assert config_app.config["GREETING"] == "hello from settings.toml"
    assert config_app.config["NESTED"] == {"LEVEL": 2}


def test_from_file_opens_text_mode_by_default(config_app):
    """``from_file`` hands the loader a file opened in text mode unless ``text=False`` (Flask API: Config.from_file)."""
    seen = []

    def load(handle):
        seen.append(handle.read())
        return {}

    config_app.config.from_file("settings.toml", load=load)
    config_app.config.from_file("settings.toml", load=load, text=False)

    assert isinstance(seen[0], str)
    assert isinstance(seen[1], bytes)


def test_from_file_skips_lowercase_keys(config_app):
    """``from_file`` loads only the uppercase keys of the loaded mapping (Flask API: Config.from_file)."""
    config_app.config.from_file("settings.json", load=json.load)

    assert "lowercase" not in config_app.config
    assert config_app.config["ANSWER"] == 42


def test_from_file_accepts_an_absolute_path(target):
    """``from_file`` given an absolute path loads that file whatever the root path (Flask API: Config.from_file)."""
    app = target.Flask("conformance_config_file_abs", root_path="/")

    app.config.from_file(str(CONFIG_APP / "settings.json"), load=json.load)

    assert app.config["ANSWER"] == 42


def test_from_file_missing_file_raises(config_app):
    """``from_file`` on a missing file raises ``FileNotFoundError`` saying the configuration file could not be loaded (Flask API: Config.from_file)."""
    with pytest.raises(FileNotFoundError) as info:
        config_app.config.from_file("missing.json", load=json.load)

    assert "Unable to load configuration file" in str(info.value)


@pytest.mark.parametrize("name", ["missing.json", "static"], ids=["missing", "directory"])
def test_from_file_silent_returns_false(config_app, name):
    """``from_file`` with ``silent=True`` returns ``False`` for a missing file or a directory and loads nothing (Flask API: Config.from_file)."""
    before = dict(config_app.config)

    assert config_app.config.from_file(name, load=json.load, silent=True) is False

    assert dict(config_app.config) == before


def test_from_file_silent_still_raises_loader_errors(config_app):
    """``silent=True`` does not hide an error raised by the loader on a file that exists (Flask API: Config.from_file)."""
    with pytest.raises(ValueError):
        config_app.config.from_file("settings.toml", load=json.load, silent=True)
