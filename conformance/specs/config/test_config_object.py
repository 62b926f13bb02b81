"""The ``Config`` class itself and ``Flask.config_class``."""

from conformance.paths import APPS_DIR


def test_config_is_a_dict_with_defaults(target):
    """``Config(root_path, defaults)`` is a ``dict`` holding a copy of the defaults and remembering ``root_path`` (Flask API: Config)."""
    defaults = {"GREETING": "hi"}

    config = target.Config("/some/root", defaults)
    config["OTHER"] = 1

    assert isinstance(config, dict)
    assert config == {"GREETING": "hi", "OTHER": 1}
    assert config.root_path == "/some/root"
    assert defaults == {"GREETING": "hi"}


def test_config_without_defaults_is_empty(target):
    """``Config(root_path)`` without defaults starts empty (Flask API: Config)."""
    assert target.Config("/some/root") == {}


def test_config_repr_names_the_class(target):
    """The repr of a ``Config`` is ``<Config {...}>`` with the dict repr inside (Flask API: Config)."""
    config = target.Config("/", {"KEY": 1})

    assert repr(config) == "<Config {'KEY': 1}>"


def test_config_subclass_repr_uses_its_name(target):
    """The repr of a ``Config`` subclass carries the subclass name (Flask API: Config)."""

    class SettingsConfig(target.Config):
        pass

    assert repr(SettingsConfig("/", {})) == "<SettingsConfig {}>"


def test_config_loaders_use_its_root_path(target):
    """A standalone ``Config`` resolves relative file names against its own ``root_path`` (Flask API: Config)."""
    config = target.Config(str(APPS_DIR / "config"))

    config.from_pyfile("settings.py")

    assert config["GREETING"] == "hello from settings.py"


def test_app_config_is_rooted_at_the_root_path(target):
    """``app.config`` is a ``Config`` whose ``root_path`` is the application's ``root_path`` (Flask API: Flask.config)."""
    app = target.Flask("conformance_config_root", root_path=str(APPS_DIR / "config"))

    assert isinstance(app.config, target.Config)
    assert app.config.root_path == app.root_path == str(APPS_DIR / "config")


def test_config_class_override(target):
    """A Flask subclass setting ``config_class`` gets its config built from that class, with the defaults loaded (Flask API: Flask.config_class)."""

    class AttributeConfig(target.Config):
        def __getattr__(self, name):
            try:
                return self[name]
            except KeyError:
                raise AttributeError(name) from None

    class App(target.Flask):
        config_class = AttributeConfig

    app = App("conformance_config_class")

    assert type(app.config) is AttributeConfig
    assert app.config.SESSION_COOKIE_NAME == "session"
