"""Templates and blueprints: folders, context processors, filters, tests and globals."""

import pytest
from jinja2 import TemplateNotFound

from conformance.paths import APPS_DIR

ROOT = APPS_DIR / "blueprints"


def _site(target):
    app = target.make_app("blueprints_site", root_path=str(ROOT))
    app.config.update(TESTING=True)
    return app


def _templated(target, name):
    return target.Blueprint(name, __name__, root_path=str(ROOT / name), template_folder="templates")


def test_blueprint_template_folder_is_searched(target):
    """A template found only in a blueprint's ``template_folder`` renders by its path relative to that folder (Flask docs: Blueprints)."""
    app = _site(target)
    app.register_blueprint(_templated(target, "admin"))
    with app.test_request_context():
        assert target.render_template("admin/index.html", title="T") == "admin index T"


def test_app_templates_win_over_blueprint_templates(target):
    """A template in the application's templates folder takes precedence over a blueprint template of the same name (Flask docs: Blueprints)."""
    app = _site(target)
    app.register_blueprint(_templated(target, "admin"))
    with app.test_request_context():
        assert target.render_template("page.html") == "app page"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        pytest.param(("admin", "shop"), "admin shared", id="admin-first"),
        pytest.param(("shop", "admin"), "shop shared", id="shop-first"),
    ],
)
def test_first_registered_blueprint_template_wins(target, order, expected):
    """Among blueprints providing the same template name, the one registered first is used (Flask docs: Blueprints)."""
    app = _site(target)
    for name in order:
        app.register_blueprint(_templated(target, name))
    with app.test_request_context():
        assert target.render_template("shared.html") == expected


def test_blueprint_without_template_folder_adds_no_templates(target):
    """A blueprint created without ``template_folder`` contributes no templates to the application (Flask API: Blueprint)."""
    app = _site(target)
    app.register_blueprint(target.Blueprint("admin", __name__, root_path=str(ROOT / "admin")))
    with app.test_request_context(), pytest.raises(TemplateNotFound):
        target.render_template("admin/index.html")


def _render_in_both(target, app, bp, source):
    bp.add_url_rule("/in", "inside", lambda: target.render_template_string(source))
    app.add_url_rule("/out", "outside", lambda: target.render_template_string(source))
    app.register_blueprint(bp, url_prefix="/bp")
    client = target.make_client(app)
    return client.get("/bp/in").data, client.get("/out").data


def test_context_processor_applies_to_own_views_only(target, app):
    """Values from a blueprint's ``context_processor`` are available in templates rendered by its views and not by application views (Flask API: Blueprint.context_processor)."""
    bp = target.Blueprint("bp", __name__)
    bp.context_processor(lambda: {"who": "bp"})
    inside, outside = _render_in_both(target, app, bp, "[{{ who }}]")
    assert inside == b"[bp]"
    assert outside == b"[]"


def test_app_context_processor_applies_everywhere(target, app):
    """Values from a blueprint's ``app_context_processor`` are available in templates rendered by any view (Flask API: Blueprint.app_context_processor)."""
    bp = target.Blueprint("bp", __name__)
    bp.app_context_processor(lambda: {"who": "all"})
    assert _render_in_both(target, app, bp, "[{{ who }}]") == (b"[all]", b"[all]")


def test_parent_context_processor_applies_to_nested_views(target, app, client):
    """A parent blueprint's ``context_processor`` values are available in templates rendered by its nested blueprints' views (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    parent.context_processor(lambda: {"who": "parent"})
    child.add_url_rule("/leaf", "leaf", lambda: target.render_template_string("[{{ who }}]"))
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/leaf").data == b"[parent]"


def test_app_template_filter_is_available_everywhere(target, app):
    """A filter registered with a blueprint's ``app_template_filter`` is usable in templates of every view, under the function's name (Flask API: Blueprint.app_template_filter)."""
    bp = target.Blueprint("bp", __name__)

    @bp.app_template_filter()
    def shout(value):
        return value.upper() + "!"

    assert _render_in_both(target, app, bp, "{{ 'hi'|shout }}") == (b"HI!", b"HI!")


def test_add_app_template_filter_with_name(target, app):
    """Calling ``add_app_template_filter`` registers the filter under the given ``name`` (Flask API: Blueprint.add_app_template_filter)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_app_template_filter(lambda value: value[::-1], name="backwards")
    app.register_blueprint(bp)
    with app.app_context():
        assert target.render_template_string("{{ 'abc'|backwards }}") == "cba"


def test_app_template_filter_exists_only_after_registration(target, app):
    """A blueprint's application template filter is added to the application's Jinja environment when the blueprint is registered (Flask API: Blueprint.app_template_filter)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_app_template_filter(str.upper, name="up")
    assert "up" not in app.jinja_env.filters
    app.register_blueprint(bp)
    assert app.jinja_env.filters["up"] is str.upper


def test_app_template_test_is_available(target, app):
    """A test registered with a blueprint's ``app_template_test`` is usable in ``is`` expressions of application templates (Flask API: Blueprint.app_template_test)."""
    bp = target.Blueprint("bp", __name__)

    @bp.app_template_test("big")
    def is_big(value):
        return value > 10

    app.register_blueprint(bp)
    with app.app_context():
        rendered = target.render_template_string("{{ 50 is big }} {{ 5 is big }}")
    assert rendered == "True False"


def test_add_app_template_test_defaults_to_function_name(target, app):
    """Calling ``add_app_template_test`` without a name registers the test under the function's name (Flask API: Blueprint.add_app_template_test)."""
    bp = target.Blueprint("bp", __name__)

    def odd(value):
        return value % 2 == 1

    bp.add_app_template_test(odd)
    app.register_blueprint(bp)
    with app.app_context():
        assert target.render_template_string("{{ 3 is odd }}") == "True"


def test_app_template_global_is_callable_in_templates(target, app):
    """A function registered with a blueprint's ``app_template_global`` is callable from any template (Flask API: Blueprint.app_template_global)."""
    bp = target.Blueprint("bp", __name__)

    @bp.app_template_global()
    def double(value):
        return value * 2

    assert _render_in_both(target, app, bp, "{{ double(21) }}") == (b"42", b"42")


def test_add_app_template_global_with_name(target, app):
    """Calling ``add_app_template_global`` registers the global under the given ``name`` (Flask API: Blueprint.add_app_template_global)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_app_template_global(lambda: "site-name", name="site")
    app.register_blueprint(bp)
    with app.app_context():
        assert target.render_template_string("{{ site() }}") == "site-name"
