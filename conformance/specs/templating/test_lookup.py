"""Finding templates: the app folder, blueprint folders, lists of names, missing templates."""

import pytest
from jinja2 import TemplateNotFound

from ._apps import ROOT, templating_app


def _blueprint(target, name):
    return target.Blueprint(name, __name__, root_path=str(ROOT / name), template_folder="templates")


def _render(app, target, name, **context):
    with app.app_context():
        return target.render_template(name, **context)


def test_app_folder_is_searched_before_blueprints(target):
    """The loader tries the application's template folder before any blueprint's, so the app's ``page.html`` hides a blueprint's (Flask docs: Templates)."""
    app = templating_app(target)
    app.register_blueprint(_blueprint(target, "bp_one"))

    assert _render(app, target, "page.html") == "app page"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        pytest.param(("bp_one", "bp_two"), "bp_one shared", id="one-then-two"),
        pytest.param(("bp_two", "bp_one"), "bp_two shared", id="two-then-one"),
    ],
)
def test_blueprints_are_searched_in_registration_order(target, order, expected):
    """Blueprint template folders are searched in the order the blueprints were registered (Flask API: DispatchingJinjaLoader)."""
    app = templating_app(target)
    for name in order:
        app.register_blueprint(_blueprint(target, name))

    assert _render(app, target, "shared.html") == expected


def test_template_only_in_blueprint_is_found(target):
    """A name missing from the app folder is found in a registered blueprint's template folder (Flask docs: Templates)."""
    app = templating_app(target)
    app.register_blueprint(_blueprint(target, "bp_one"))

    assert _render(app, target, "only_one.html") == "bp_one only"


def test_list_templates_merges_app_and_blueprints(target):
    """``jinja_env.list_templates`` lists the templates of the app folder and of every blueprint folder, each name once (Flask API: DispatchingJinjaLoader)."""
    app = templating_app(target)
    app.register_blueprint(_blueprint(target, "bp_one"))
    app.register_blueprint(_blueprint(target, "bp_two"))

    names = app.jinja_env.list_templates()

    assert {"page.html", "shared.html", "only_one.html", "escape.txt"} <= set(names)
    assert len(names) == len(set(names))


def test_list_templates_skips_sources_without_folders(target):
    """``jinja_env.list_templates`` skips an app and blueprints that have no template folder (Flask API: DispatchingJinjaLoader)."""
    app = target.make_app("no_templates", root_path=str(ROOT), template_folder=None)
    app.register_blueprint(target.Blueprint("plain", __name__, root_path=str(ROOT / "bp_two")))
    app.register_blueprint(_blueprint(target, "bp_one"))

    assert sorted(app.jinja_env.list_templates()) == ["only_one.html", "page.html", "shared.html"]


def test_missing_template_raises_template_not_found(target):
    """Rendering a name no loader knows raises ``jinja2.TemplateNotFound`` carrying the name (Flask API: render_template)."""
    app = templating_app(target)

    with pytest.raises(TemplateNotFound) as raised:
        _render(app, target, "missing.html")

    assert raised.value.name == "missing.html"


def test_missing_template_in_a_view_is_a_server_error(target):
    """A view rendering a missing template gives a 500 response when exceptions are not propagated (Flask docs: Templates)."""
    app = templating_app(target)
    app.config["TESTING"] = False
    app.add_url_rule("/", "index", lambda: target.render_template("missing.html"))

    assert target.make_client(app).get("/").status_code == 500


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(["first.html", "second.html"], "first", id="first-exists"),
        pytest.param(["missing.html", "second.html"], "second", id="first-missing"),
        pytest.param(["missing.html", "nope.html", "first.html"], "first", id="last-exists"),
    ],
)
def test_list_of_names_renders_first_found(target, names, expected):
    """Given a list of names, ``render_template`` renders the first one that exists (Flask API: render_template)."""
    assert _render(templating_app(target), target, names) == expected


def test_list_of_missing_names_raises(target):
    """When no name in the list exists, ``render_template`` raises ``TemplatesNotFound``, a ``TemplateNotFound`` listing every name (Flask API: render_template)."""
    from jinja2 import TemplatesNotFound

    with pytest.raises(TemplatesNotFound) as raised:
        _render(templating_app(target), target, ["missing.html", "nope.html"])

    assert isinstance(raised.value, TemplateNotFound)
    assert raised.value.templates == ["missing.html", "nope.html"]


def test_render_template_accepts_a_template_object(target):
    """``render_template`` renders a Jinja template object as well as a name, with the standard context (Flask API: render_template)."""
    app = templating_app(target)
    app.config["NAME"] = "cfg"
    with app.app_context():
        template = app.jinja_env.from_string("{{ value }} {{ config.NAME }}")
        assert target.render_template(template, value="v") == "v cfg"


def test_extends_resolves_through_the_app_loader(target):
    """Templates extend other templates by name through the same loader (Flask docs: Templates)."""
    assert _render(templating_app(target), target, "child.html", value="<v>") == "<child &lt;v&gt;>"


def test_custom_template_folder(target, tmp_path):
    """The ``template_folder`` argument names the app's template folder relative to its root path (Flask API: Flask)."""
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "here.txt").write_text("from views", encoding="utf-8")
    app = target.make_app("custom_folder", root_path=str(tmp_path), template_folder="views")

    assert _render(app, target, "here.txt") == "from views"


def test_no_template_folder_finds_nothing(target):
    """An app created with ``template_folder=None`` has no loader of its own, so its templates are not found (Flask API: Flask)."""
    app = target.make_app("no_templates", root_path=str(ROOT), template_folder=None)

    assert app.jinja_loader is None
    with pytest.raises(TemplateNotFound):
        _render(app, target, "page.html")
