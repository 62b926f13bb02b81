"""Rendering helpers: contexts needed, ``get_template_attribute`` and template variables."""

import pytest

from ._apps import templating_app


def test_render_template_outside_an_app_context_raises(target):
    """``render_template`` raises ``RuntimeError`` when no application context is pushed (Flask API: render_template)."""
    with pytest.raises(RuntimeError):
        target.render_template("page.html")


def test_render_template_string_outside_an_app_context_raises(target):
    """``render_template_string`` raises ``RuntimeError`` when no application context is pushed (Flask API: render_template_string)."""
    with pytest.raises(RuntimeError):
        target.render_template_string("text")


def test_render_template_with_only_an_app_context(target):
    """``render_template`` works with only an application context pushed (Flask API: render_template)."""
    app = templating_app(target)
    with app.app_context():
        assert target.render_template("page.html") == "app page"


def test_render_template_in_a_view(target):
    """A view returns the string produced by ``render_template`` as an HTML response body (Flask docs: Rendering Templates)."""
    app = templating_app(target)
    app.add_url_rule("/", "index", lambda: target.render_template("escape.html", value="<v>"))

    response = target.make_client(app).get("/")

    assert response.data == b"&lt;v&gt;"
    assert response.mimetype == "text/html"


def test_render_template_uses_keyword_arguments(target):
    """Keyword arguments of ``render_template`` become template variables and undefined names render empty (Flask API: render_template)."""
    app = templating_app(target)
    with app.app_context():
        assert target.render_template("items.html", items=(1, 2)) == "[1][2]"
        assert target.render_template("items.html") == ""


def test_get_template_attribute_calls_a_macro(target):
    """``get_template_attribute`` returns a macro of a template that Python code can call (Flask API: get_template_attribute)."""
    app = templating_app(target)
    with app.app_context():
        hello = target.get_template_attribute("macros.html", "hello")
        assert hello("<World>") == "Hello &lt;World&gt;!"


def test_get_template_attribute_reads_a_variable(target):
    """``get_template_attribute`` returns a variable a template sets at top level (Flask API: get_template_attribute)."""
    app = templating_app(target)
    with app.app_context():
        assert target.get_template_attribute("macros.html", "answer") == 42


def test_get_template_attribute_missing_name(target):
    """``get_template_attribute`` raises ``AttributeError`` for a name the template does not export (Flask API: get_template_attribute)."""
    app = templating_app(target)
    with app.app_context(), pytest.raises(AttributeError):
        target.get_template_attribute("macros.html", "nothing_here")


def test_get_template_attribute_missing_template(target):
    """``get_template_attribute`` raises ``TemplateNotFound`` for a template that does not exist (Flask API: get_template_attribute)."""
    from jinja2 import TemplateNotFound

    app = templating_app(target)
    with app.app_context(), pytest.raises(TemplateNotFound):
        target.get_template_attribute("missing.html", "hello")
