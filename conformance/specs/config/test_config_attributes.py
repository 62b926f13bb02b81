"""Application attributes that read and write configuration keys."""

import datetime

import pytest


@pytest.mark.parametrize(
    ("attribute", "key", "value"),
    [
        ("testing", "TESTING", True),
        ("secret_key", "SECRET_KEY", "attribute-secret"),
        ("debug", "DEBUG", True),
    ],
)
def test_setting_the_attribute_sets_the_key(target, attribute, key, value):
    """Assigning ``app.testing``, ``app.secret_key`` or ``app.debug`` stores the value under the matching config key (Flask API: Flask.config)."""
    app = target.Flask("conformance_config_attributes")

    setattr(app, attribute, value)

    assert app.config[key] == value


@pytest.mark.parametrize(
    ("attribute", "key", "value"),
    [
        ("testing", "TESTING", True),
        ("secret_key", "SECRET_KEY", b"bytes-secret"),
        ("debug", "DEBUG", True),
    ],
)
def test_the_attribute_reads_the_key(target, attribute, key, value):
    """``app.testing``, ``app.secret_key`` and ``app.debug`` return the current value of their config key (Flask API: Flask.testing)."""
    app = target.Flask("conformance_config_attributes_read")

    app.config[key] = value

    assert getattr(app, attribute) == value


def test_permanent_session_lifetime_converts_seconds(target):
    """``app.permanent_session_lifetime`` turns an integer number of seconds in ``PERMANENT_SESSION_LIFETIME`` into a ``timedelta`` (Flask API: Flask.permanent_session_lifetime)."""
    app = target.Flask("conformance_config_lifetime_seconds")

    app.config["PERMANENT_SESSION_LIFETIME"] = 90

    assert app.permanent_session_lifetime == datetime.timedelta(seconds=90)
    assert app.config["PERMANENT_SESSION_LIFETIME"] == 90


def test_permanent_session_lifetime_setter_stores_the_value(target):
    """Assigning ``app.permanent_session_lifetime`` stores the value unchanged in ``PERMANENT_SESSION_LIFETIME`` (Flask API: Flask.permanent_session_lifetime)."""
    app = target.Flask("conformance_config_lifetime_set")

    app.permanent_session_lifetime = datetime.timedelta(hours=2)

    assert app.config["PERMANENT_SESSION_LIFETIME"] == datetime.timedelta(hours=2)


def test_config_attribute_on_a_subclass_forwards_to_its_key(target):
    """A ``ConfigAttribute`` declared on a Flask subclass reads and writes its config key (Flask API: ConfigAttribute)."""

    class App(target.Flask):
        cookie_name = target.config.ConfigAttribute("SESSION_COOKIE_NAME")

    app = App("conformance_config_subclass_attribute")
    assert app.cookie_name == "session"

    app.cookie_name = "renamed"

    assert app.config["SESSION_COOKIE_NAME"] == "renamed"


def test_config_attribute_applies_its_converter(target):
    """A ``ConfigAttribute`` given ``get_converter`` passes the stored value through it when read (Flask API: ConfigAttribute)."""

    class App(target.Flask):
        max_size = target.config.ConfigAttribute("MAX_COOKIE_SIZE", get_converter=str)

    app = App("conformance_config_converter_attribute")
    app.config["MAX_COOKIE_SIZE"] = 100

    assert app.max_size == "100"


def test_setting_debug_sets_jinja_auto_reload(target):
    """Setting ``app.debug`` turns the Jinja environment's ``auto_reload`` on or off when ``TEMPLATES_AUTO_RELOAD`` is unset (Flask API: Flask.debug)."""
    app = target.Flask("conformance_config_debug_reload")

    app.debug = True
    assert app.jinja_env.auto_reload is True

    app.debug = False
    assert app.jinja_env.auto_reload is False


def test_setting_debug_keeps_an_explicit_auto_reload(target):
    """Setting ``app.debug`` leaves ``auto_reload`` alone when ``TEMPLATES_AUTO_RELOAD`` is set explicitly (Flask API: Flask.debug)."""
    app = target.Flask("conformance_config_debug_keeps_reload")
    app.config["TEMPLATES_AUTO_RELOAD"] = False
    assert app.jinja_env.auto_reload is False

    app.debug = True

    assert app.jinja_env.auto_reload is False


def test_config_attribute_on_the_class_is_the_descriptor(target):
    """Reading ``Flask.testing`` on the class returns the ``ConfigAttribute`` descriptor itself, not a config value (Flask API: ConfigAttribute)."""
    app = target.Flask("conformance_config_descriptor")

    assert isinstance(target.Flask.testing, target.config.ConfigAttribute)
    assert app.testing is False
