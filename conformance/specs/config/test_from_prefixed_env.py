"""``Config.from_prefixed_env``: configuration from ``FLASK_``-prefixed environment variables."""

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("config_prefixed_env_values"))
def test_values_are_parsed_as_json_or_kept_as_strings(target, monkeypatch, given, expected):
    """``from_prefixed_env`` parses each value as JSON and keeps the raw string when it is not valid JSON (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("FLASK_CONFORMANCE_VALUE", given)
    app = target.Flask("conformance_config_env")

    assert app.config.from_prefixed_env() is True

    assert app.config["CONFORMANCE_VALUE"] == expected
    assert type(app.config["CONFORMANCE_VALUE"]) is type(expected)


def test_other_variables_are_ignored(target, monkeypatch):
    """``from_prefixed_env`` loads only variables starting with the prefix and an underscore, dropping that part from the key (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEX_KEPT", "1")
    monkeypatch.setenv("CONFORMANCEXOTHER", "2")
    monkeypatch.setenv("OTHER_CONFORMANCEX_KEY", "3")
    app = target.Flask("conformance_config_env_ignore")

    app.config.from_prefixed_env("CONFORMANCEX")

    assert app.config["KEPT"] == 1
    assert not {"CONFORMANCEXOTHER", "OTHER", "KEY", "OTHER_CONFORMANCEX_KEY"} & set(app.config)


def test_custom_prefix(target, monkeypatch):
    """``from_prefixed_env`` given a prefix reads ``<prefix>_*`` variables instead of ``FLASK_*`` ones (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEY_SECRET_KEY", "from-env")
    monkeypatch.setenv("FLASK_CONFORMANCEY_ONLY_FLASK", "1")
    app = target.Flask("conformance_config_env_prefix")

    app.config.from_prefixed_env(prefix="CONFORMANCEY")

    assert app.config["SECRET_KEY"] == "from-env"
    assert "CONFORMANCEY_ONLY_FLASK" not in app.config


def test_custom_loads(target, monkeypatch):
    """``from_prefixed_env`` passes each value through the ``loads`` callable given to it (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEZ_NAME", "value")
    app = target.Flask("conformance_config_env_loads")

    app.config.from_prefixed_env("CONFORMANCEZ", loads=str.upper)

    assert app.config["NAME"] == "VALUE"


def test_loads_errors_keep_the_string(target, monkeypatch):
    """A value whose ``loads`` call raises any exception is stored as the raw string (Flask API: Config.from_prefixed_env)."""

    def loads(value):
        raise LookupError(value)

    monkeypatch.setenv("CONFORMANCEZ_NAME", "[1]")
    app = target.Flask("conformance_config_env_loads_error")

    app.config.from_prefixed_env("CONFORMANCEZ", loads=loads)

    assert app.config["NAME"] == "[1]"


def test_double_underscore_creates_nested_dicts(target, monkeypatch):
    """A ``__`` in a variable name sets a key of a nested dict, creating missing intermediate dicts (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEN_DB__OPTIONS__TIMEOUT", "30")
    monkeypatch.setenv("CONFORMANCEN_DB__NAME", "main")
    app = target.Flask("conformance_config_env_nested")

    app.config.from_prefixed_env("CONFORMANCEN")

    assert app.config["DB"] == {"NAME": "main", "OPTIONS": {"TIMEOUT": 30}}


def test_double_underscore_updates_an_existing_dict(target, monkeypatch):
    """A ``__`` variable sets one key inside a dict already in the config, keeping its other keys (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEN_DB__NAME", "changed")
    app = target.Flask("conformance_config_env_nested_existing")
    app.config["DB"] = {"NAME": "main", "USER": "admin"}

    app.config.from_prefixed_env("CONFORMANCEN")

    assert app.config["DB"] == {"NAME": "changed", "USER": "admin"}


def test_nesting_into_a_non_dict_raises(target, monkeypatch):
    """A ``__`` variable whose parent key holds a value that is not a mapping raises ``TypeError`` (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEN_DB__NAME", "main")
    app = target.Flask("conformance_config_env_nested_scalar")
    app.config["DB"] = 42

    with pytest.raises(TypeError):
        app.config.from_prefixed_env("CONFORMANCEN")


def test_keys_are_loaded_in_sorted_order(target, monkeypatch):
    """Variables are loaded in sorted order, so a ``__`` key applies after its parent key set by another variable (Flask API: Config.from_prefixed_env)."""
    monkeypatch.setenv("CONFORMANCEN_DB__PORT", "5432")
    monkeypatch.setenv("CONFORMANCEN_DB", '{"HOST": "db", "PORT": 1}')
    app = target.Flask("conformance_config_env_sorted")

    app.config.from_prefixed_env("CONFORMANCEN")

    assert app.config["DB"] == {"HOST": "db", "PORT": 5432}


def test_default_prefix_is_flask(target, monkeypatch):
    """Without arguments ``from_prefixed_env`` reads ``FLASK_*`` variables, so ``FLASK_SECRET_KEY`` sets ``SECRET_KEY`` (Flask docs: Configuring from Environment Variables)."""
    monkeypatch.setenv("FLASK_SECRET_KEY", "env-secret")
    app = target.Flask("conformance_config_env_default")

    app.config.from_prefixed_env()

    assert app.config["SECRET_KEY"] == "env-secret"
    assert app.secret_key == "env-secret"
