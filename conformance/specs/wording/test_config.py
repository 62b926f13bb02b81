"""Flask's sentences when configuration cannot be loaded."""

import json

import pytest


def test_from_envvar_with_the_variable_unset_message(app, monkeypatch):
    """``Config.from_envvar`` for an unset variable raises RuntimeError with exactly Flask's sentences naming the variable (Flask API: Config.from_envvar)."""
    monkeypatch.delenv("CONFORMANCE_WORDING_SETTINGS", raising=False)
    with pytest.raises(RuntimeError) as raised:
        app.config.from_envvar("CONFORMANCE_WORDING_SETTINGS")
    assert str(raised.value) == (
        "The environment variable 'CONFORMANCE_WORDING_SETTINGS' is not set and as such"
        " configuration could not be loaded. Set this variable and make it point to a"
        " configuration file"
    )


def test_from_pyfile_missing_file_error_text(app, tmp_path):
    """``Config.from_pyfile`` for a missing file raises an OSError whose ``strerror`` is Flask's prefix around the system's reason (Flask API: Config.from_pyfile)."""
    missing = tmp_path / "absent.cfg"
    with pytest.raises(OSError) as raised:
        app.config.from_pyfile(str(missing))
    assert raised.value.strerror == "Unable to load configuration file (No such file or directory)"
    assert raised.value.filename == str(missing)


def test_from_file_missing_file_error_text(app, tmp_path):
    """``Config.from_file`` for a missing file raises an OSError whose ``strerror`` is Flask's prefix around the system's reason (Flask API: Config.from_file)."""
    missing = tmp_path / "absent.json"
    with pytest.raises(OSError) as raised:
        app.config.from_file(str(missing), load=json.load)
    assert raised.value.strerror == "Unable to load configuration file (No such file or directory)"
    assert raised.value.filename == str(missing)
