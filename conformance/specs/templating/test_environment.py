"""The Jinja environment: options, lazy creation, customisation hooks and auto reload."""

import os

import pytest

from ._apps import templating_app


def _render(target, app, source, **context):
    with app.app_context():
        return target.render_template_string(source, **context)


def test_jinja_env_is_flask_environment(target):
    """``app.jinja_env`` is a ``flask.templating.Environment`` bound to the app and is created once (Flask API: Flask.jinja_env)."""
    app = templating_app(target)

    assert isinstance(app.jinja_env, target.templating.Environment)
    assert app.jinja_env.app is app
    assert app.jinja_env is app.jinja_env


def test_jinja_options_on_a_subclass(target):
    """``jinja_options`` set on a Flask subclass are passed to the Jinja environment (Flask API: Flask.jinja_options)."""

    class App(target.Flask):
        jinja_options = {"variable_start_string": "[[", "variable_end_string": "]]"}

    app = templating_app(target, App)

    assert _render(target, app, "[[ value ]] {{ value }}", value="v") == "v {{ value }}"


def test_jinja_options_keep_flask_autoescape(target):
    """Custom ``jinja_options`` without ``autoescape`` keep Flask's extension-based autoescaping (Flask API: Flask.jinja_options)."""

    class App(target.Flask):
        jinja_options = {"trim_blocks": True}

    app = templating_app(target, App)
    with app.app_context():
        assert target.render_template("escape.html", value="<") == "&lt;"
        assert target.render_template("escape.txt", value="<") == "<"
    assert _render(target, app, "{% if 1 %}\nx{% endif %}") == "x"


def test_jinja_options_autoescape_replaces_selection(target):
    """An ``autoescape`` entry in ``jinja_options`` replaces ``select_jinja_autoescape`` (Flask API: Flask.create_jinja_environment)."""

    class App(target.Flask):
        jinja_options = {"autoescape": False}

    app = templating_app(target, App)
    with app.app_context():
        assert target.render_template("escape.html", value="<") == "<"


def test_jinja_options_read_when_environment_is_created(target):
    """The environment is created on first access of ``jinja_env``, so ``jinja_options`` changed before then apply and changes afterwards do not (Flask API: Flask.jinja_env)."""
    app = templating_app(target)
    app.jinja_options = {"line_statement_prefix": "%"}
    environment = app.jinja_env
    app.jinja_options = {}

    assert app.jinja_env is environment
    assert _render(target, app, "% if true\nyes\n% endif\n") == "yes\n"


def test_create_jinja_environment_override(target):
    """A Flask subclass can override ``create_jinja_environment`` to customise the environment it builds (Flask API: Flask.create_jinja_environment)."""

    class App(target.Flask):
        def create_jinja_environment(self):
            environment = super().create_jinja_environment()
            environment.globals["made_by"] = "override"
            return environment

    app = templating_app(target, App)

    assert _render(target, app, "{{ made_by }} {{ url_for is defined }}") == "override True"


def test_jinja_environment_class(target):
    """The ``jinja_environment`` class attribute chooses the environment class, which receives the app and the options (Flask API: Flask.jinja_environment)."""

    class Environment(target.templating.Environment):
        def __init__(self, app, **options):
            options["comment_start_string"] = "<#"
            options["comment_end_string"] = "#>"
            super().__init__(app, **options)

    class App(target.Flask):
        jinja_environment = Environment

    app = templating_app(target, App)

    assert type(app.jinja_env) is Environment
    assert _render(target, app, "a<# hidden #>b{# shown #}") == "ab{# shown #}"


def test_jinja_options_loader_replaces_dispatching_loader(target):
    """A ``loader`` given in ``jinja_options`` is used instead of the app and blueprint folders (Flask API: Flask.create_global_jinja_loader)."""
    from jinja2 import DictLoader

    class App(target.Flask):
        jinja_options = {"loader": DictLoader({"page.html": "from dict"})}

    app = templating_app(target, App)
    with app.app_context():
        assert target.render_template("page.html") == "from dict"


@pytest.mark.parametrize(
    ("config", "debug", "expected"),
    [
        pytest.param(None, False, False, id="none-follows-debug-off"),
        pytest.param(None, True, True, id="none-follows-debug-on"),
        pytest.param(True, False, True, id="true-without-debug"),
        pytest.param(False, True, False, id="false-in-debug"),
    ],
)
def test_templates_auto_reload_sets_environment(target, config, debug, expected):
    """``TEMPLATES_AUTO_RELOAD`` sets the environment's ``auto_reload``; when it is ``None`` debug mode decides (Flask API: TEMPLATES_AUTO_RELOAD)."""
    app = templating_app(target)
    app.config["TEMPLATES_AUTO_RELOAD"] = config
    app.config["DEBUG"] = debug

    assert app.jinja_env.auto_reload is expected


def test_setting_debug_later_updates_auto_reload(target):
    """Setting ``app.debug`` after the environment exists updates ``auto_reload`` while ``TEMPLATES_AUTO_RELOAD`` is ``None`` (Flask API: Flask.debug)."""
    app = templating_app(target)
    assert app.jinja_env.auto_reload is False

    app.debug = True

    assert app.jinja_env.auto_reload is True


def test_setting_debug_later_keeps_explicit_auto_reload(target):
    """An explicit ``TEMPLATES_AUTO_RELOAD`` of false keeps the environment's ``auto_reload`` off when debug mode is switched on later (Flask API: TEMPLATES_AUTO_RELOAD)."""
    app = templating_app(target)
    app.config["TEMPLATES_AUTO_RELOAD"] = False
    assert app.jinja_env.auto_reload is False

    app.debug = True

    assert app.jinja_env.auto_reload is False


def _changing_template_app(target, tmp_path, auto_reload):
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "live.txt"
    template.write_text("old", encoding="utf-8")
    app = target.make_app("reloading", root_path=str(tmp_path))
    app.config["TEMPLATES_AUTO_RELOAD"] = auto_reload
    return app, template


def _rewrite(template):
    before = os.stat(template).st_mtime
    template.write_text("new", encoding="utf-8")
    os.utime(template, (before + 10, before + 10))


def test_auto_reload_renders_changed_template(target, tmp_path):
    """With ``TEMPLATES_AUTO_RELOAD`` on, a template file changed on disk is reloaded at the next render (Flask API: TEMPLATES_AUTO_RELOAD)."""
    app, template = _changing_template_app(target, tmp_path, True)
    with app.app_context():
        assert target.render_template("live.txt") == "old"
        _rewrite(template)
        assert target.render_template("live.txt") == "new"


def test_without_auto_reload_template_is_cached(target, tmp_path):
    """With ``TEMPLATES_AUTO_RELOAD`` off, a template already loaded keeps rendering its cached content after the file changes (Flask API: TEMPLATES_AUTO_RELOAD)."""
    app, template = _changing_template_app(target, tmp_path, False)
    with app.app_context():
        assert target.render_template("live.txt") == "old"
        _rewrite(template)
        assert target.render_template("live.txt") == "old"
