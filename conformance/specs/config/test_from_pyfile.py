"""``Config.from_pyfile`` and ``Config.from_envvar``: Python files as configuration."""

import errno

import pytest

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"


@pytest.fixture
def config_app(target):
    return target.Flask("conformance_config_pyfile", root_path=str(CONFIG_APP))


def test_from_pyfile_loads_uppercase_names(config_app):
    """``from_pyfile`` executes the file and loads its uppercase names, returning ``True`` (Flask API: Config.from_pyfile)."""
    assert config_app.config.from_pyfile("settings.py") is True

    assert config_app.config["GREETING"] == "hello from settings.py"
    assert config_app.config["ANSWER"] == 42
    assert not {"lowercase_helper", "Mixed_Case", "os"} & set(config_app.config)


def test_from_pyfile_sets_dunder_file(config_app):
    """A file read by ``from_pyfile`` runs with ``__file__`` set to its full path (Flask API: Config.from_pyfile)."""
    config_app.config.from_pyfile("settings.py")

    assert config_app.config["LOADED_FROM"] == "settings.py"


def test_from_pyfile_is_relative_to_the_root_path(target):
    """``from_pyfile`` resolves a relative file name against the app's ``root_path`` (Flask API: Config.from_pyfile)."""
    app = target.Flask("conformance_config_pyfile_root", root_path=str(CONFIG_APP / "instance"))

    with pytest.raises(FileNotFoundError):
        app.config.from_pyfile("settings.py")
    app.config.from_pyfile("instance_settings.py")

    assert app.config["GREETING"] == "hello from the instance folder"


def test_from_pyfile_accepts_an_absolute_path(target):
    """``from_pyfile`` given an absolute path loads that file whatever the root path (Flask API: Config.from_pyfile)."""
    app = target.Flask("conformance_config_pyfile_abs", root_path="/")

    app.config.from_pyfile(str(CONFIG_APP / "settings.py"))

    assert app.config["GREETING"] == "hello from settings.py"


def test_from_pyfile_missing_file_raises_with_a_message(config_app):
    """``from_pyfile`` on a missing file raises ``FileNotFoundError`` whose message says the configuration file could not be loaded (Flask API: Config.from_pyfile)."""
    with pytest.raises(FileNotFoundError) as info:
        config_app.config.from_pyfile("missing.py")

    assert info.value.errno == errno.ENOENT
    assert "Unable to load configuration file" in str(info.value)
    assert str(info.value).endswith("missing.py'")


@pytest.mark.parametrize("name", ["missing.py", "static", "settings.py/inner.py"])
def test_from_pyfile_silent_returns_false(config_app, name):
    """``from_pyfile`` with ``silent=True`` returns ``False`` for a missing file, a directory or a path through a file (Flask API: Config.from_pyfile)."""
    before = dict(config_app.config)

    assert config_app.config.from_pyfile(name, silent=True) is False

    assert dict(config_app.config) == before


def test_from_pyfile_silent_still_raises_syntax_errors(config_app, tmp_path):
    """``silent=True`` only hides missing files: a file with a syntax error still raises ``SyntaxError`` (Flask API: Config.from_pyfile)."""
    broken = tmp_path / "broken.py"
    broken.write_text("GREETING = (\n", encoding="utf-8")

    with pytest.raises(SyntaxError):
        config_app.config.from_pyfile(str(broken), silent=True)


def test_from_envvar_loads_the_named_file(config_app, monkeypatch):
    """``from_envvar`` loads the Python file named by the environment variable and returns ``True`` (Flask API: Config.from_envvar)."""
    monkeypatch.setenv("CONFORMANCE_SETTINGS", str(CONFIG_APP / "settings.py"))

    assert config_app.config.from_envvar("CONFORMANCE_SETTINGS") is True

    assert config_app.config["GREETING"] == "hello from settings.py"


def test_from_envvar_relative_value_uses_the_root_path(config_app, monkeypatch):
    """``from_envvar`` resolves a relative file name in the variable against the root path (Flask API: Config.from_envvar)."""
    monkeypatch.setenv("CONFORMANCE_SETTINGS", "settings.py")

    config_app.config.from_envvar("CONFORMANCE_SETTINGS")

    assert config_app.config["ANSWER"] == 42


@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
def test_from_envvar_without_a_value_raises(config_app, monkeypatch, value):
    """``from_envvar`` raises ``RuntimeError`` naming the variable when it is unset or empty (Flask API: Config.from_envvar)."""
    if value is None:
        monkeypatch.delenv("CONFORMANCE_SETTINGS", raising=False)
    else:
        monkeypatch.setenv("CONFORMANCE_SETTINGS", value)

    with pytest.raises(RuntimeError) as info:
        config_app.config.from_envvar("CONFORMANCE_SETTINGS")

    assert "'CONFORMANCE_SETTINGS'" in str(info.value)


def test_from_envvar_silent_without_a_value_returns_false(config_app, monkeypatch):
    """``from_envvar`` with ``silent=True`` returns ``False`` when the variable is unset (Flask API: Config.from_envvar)."""
    monkeypatch.delenv("CONFORMANCE_SETTINGS", raising=False)

    assert config_app.config.from_envvar("CONFORMANCE_SETTINGS", silent=True) is False


def test_from_envvar_missing_file_raises(config_app, monkeypatch):
    """``from_envvar`` raises ``OSError`` when the variable names a file that does not exist (Flask API: Config.from_envvar)."""
    monkeypatch.setenv("CONFORMANCE_SETTINGS", "missing.py")

    with pytest.raises(OSError) as info:
        config_app.config.from_envvar("CONFORMANCE_SETTINGS")

    assert "Unable to load configuration file" in str(info.value)


def test_from_envvar_silent_missing_file_returns_false(config_app, monkeypatch):
    """``from_envvar`` with ``silent=True`` returns ``False`` when the named file does not exist (Flask API: Config.from_envvar)."""
    monkeypatch.setenv("CONFORMANCE_SETTINGS", "missing.py")

    assert config_app.config.from_envvar("CONFORMANCE_SETTINGS", silent=True) is False


def test_from_pyfile_runs_the_file_as_a_module_named_config(target, tmp_path):
    """``from_pyfile`` executes the file as a module named ``config``, so ``__name__`` inside it is ``"config"`` (Flask API: Config.from_pyfile)."""
    settings = tmp_path / "named.py"
    settings.write_text("NAME_SEEN = __name__\n", encoding="utf-8")
    app = target.Flask("conformance_config_pyfile_name")

    assert app.config.from_pyfile(str(settings)) is True
    assert app.config["NAME_SEEN"] == "config"
