"""The configuration every new application starts with."""

import datetime

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("config_defaults"))
def test_new_application_has_the_documented_default(target, given, expected):
    """A new application's config holds each built-in key with its documented default value (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_defaults")

    assert given in app.config
    assert app.config[given] == expected
    assert type(app.config[given]) is type(expected)


def test_debug_defaults_to_false_without_flask_debug(target, monkeypatch):
    """``DEBUG`` is ``False`` in a new application when the ``FLASK_DEBUG`` environment variable is unset (Flask docs: Builtin Configuration Values)."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)

    app = target.Flask("conformance_config_debug")

    assert app.config["DEBUG"] is False
    assert app.debug is False


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False)])
def test_debug_default_follows_flask_debug(target, monkeypatch, value, expected):
    """``DEBUG`` of a new application follows the ``FLASK_DEBUG`` environment variable read when the app is created (Flask docs: Builtin Configuration Values)."""
    monkeypatch.setenv("FLASK_DEBUG", value)

    app = target.Flask("conformance_config_debug_env")

    assert app.config["DEBUG"] is expected


@pytest.mark.parametrize("value", ["false", "no", "False", "NO"])
def test_flask_debug_false_words_turn_debug_off(target, monkeypatch, value):
    """``FLASK_DEBUG`` set to ``false`` or ``no``, in any case, leaves ``DEBUG`` off in a new application, like ``0`` (Flask docs: Builtin Configuration Values)."""
    monkeypatch.setenv("FLASK_DEBUG", value)

    app = target.Flask("conformance_config_debug_words")

    assert app.config["DEBUG"] is False


#: The builtin configuration keys Flask 3.1 documents, all present in a new application.
BUILTIN_KEYS = {
    "APPLICATION_ROOT", "DEBUG", "EXPLAIN_TEMPLATE_LOADING", "MAX_CONTENT_LENGTH",
    "MAX_COOKIE_SIZE", "MAX_FORM_MEMORY_SIZE", "MAX_FORM_PARTS", "PERMANENT_SESSION_LIFETIME",
    "PREFERRED_URL_SCHEME", "PROPAGATE_EXCEPTIONS", "PROVIDE_AUTOMATIC_OPTIONS", "SECRET_KEY",
    "SECRET_KEY_FALLBACKS", "SEND_FILE_MAX_AGE_DEFAULT", "SERVER_NAME", "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_NAME", "SESSION_COOKIE_PARTITIONED",
    "SESSION_COOKIE_PATH", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_SECURE",
    "SESSION_REFRESH_EACH_REQUEST", "TEMPLATES_AUTO_RELOAD", "TESTING", "TRAP_BAD_REQUEST_ERRORS",
    "TRAP_HTTP_EXCEPTIONS", "TRUSTED_HOSTS", "USE_X_SENDFILE",
}  # fmt: skip


def test_new_application_config_holds_exactly_the_builtin_keys(target):
    """A new application's ``config`` holds exactly the builtin configuration keys, no other (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_keys")

    assert set(app.config) == BUILTIN_KEYS


def test_permanent_session_lifetime_defaults_to_31_days(target):
    """``PERMANENT_SESSION_LIFETIME`` defaults to a ``timedelta`` of 31 days (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_lifetime")

    assert app.config["PERMANENT_SESSION_LIFETIME"] == datetime.timedelta(days=31)


def test_changing_one_app_config_leaves_new_apps_alone(target):
    """Changing a key in one application's config changes neither ``Flask.default_config`` nor the config of applications created later (Flask API: Flask.default_config)."""
    first = target.Flask("conformance_config_first")
    first.config["SESSION_COOKIE_NAME"] = "changed"

    second = target.Flask("conformance_config_second")

    assert second.config["SESSION_COOKIE_NAME"] == "session"
    assert target.Flask.default_config["SESSION_COOKIE_NAME"] == "session"


def test_default_config_is_read_only(target):
    """``Flask.default_config`` is an immutable mapping that refuses item assignment (Flask API: Flask.default_config)."""
    with pytest.raises(TypeError):
        target.Flask.default_config["SESSION_COOKIE_NAME"] = "changed"
