"""Which templates are autoescaped, and how to change it."""

import pytest

from conformance.support import cases

from ._apps import templating_app

UNSAFE = "<b>&'\""
ESCAPED = "&lt;b&gt;&amp;&#39;&#34;"


@pytest.mark.parametrize(("given", "expected"), cases("templating_autoescape"))
def test_autoescape_by_extension(target, given, expected):
    """Templates ending in ``.html``, ``.htm``, ``.xml``, ``.xhtml`` or ``.svg`` are autoescaped and other templates such as ``.txt`` are not (Flask docs: Templates)."""
    app = templating_app(target)
    with app.app_context():
        assert target.render_template(given, value=UNSAFE) == expected


def test_template_strings_are_autoescaped(target):
    """``render_template_string`` autoescapes its variables (Flask API: render_template_string)."""
    app = templating_app(target)
    with app.app_context():
        assert target.render_template_string("{{ value }}", value=UNSAFE) == ESCAPED


def test_markup_values_are_not_escaped(target):
    """Values wrapped in ``Markup`` or passed through the ``safe`` filter are not escaped in an autoescaped template (Flask docs: Templates)."""
    from markupsafe import Markup

    app = templating_app(target)
    with app.app_context():
        rendered = target.render_template_string(
            "{{ marked }}|{{ raw|safe }}", marked=Markup("<i>"), raw="<u>"
        )

    assert rendered == "<i>|<u>"


def test_autoescape_block_turns_escaping_on(target):
    """An ``{% autoescape true %}`` block escapes variables inside a template that is otherwise not autoescaped (Flask docs: Templates)."""
    app = templating_app(target)
    with app.app_context():
        rendered = target.render_template("autoescape_on.txt", value="<x>")

    assert rendered == "&lt;x&gt;|<x>"


def test_autoescape_block_turns_escaping_off(target):
    """An ``{% autoescape false %}`` block leaves variables unescaped inside an autoescaped template (Flask docs: Templates)."""
    app = templating_app(target)
    with app.app_context():
        rendered = target.render_template("autoescape_off.html", value="<x>")

    assert rendered == "<x>|&lt;x&gt;"


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        pytest.param(None, True, id="no-name"),
        pytest.param("page.html", True, id="html"),
        pytest.param("image.svg", True, id="svg"),
        pytest.param("notes.txt", False, id="txt"),
        pytest.param("page.html.j2", False, id="html-not-last"),
        pytest.param("mail.jinja", False, id="jinja"),
    ],
)
def test_select_jinja_autoescape_decides_by_name(target, filename, expected):
    """``select_jinja_autoescape`` returns true for no name and for the HTML-like extensions only (Flask API: Flask.select_jinja_autoescape)."""
    assert templating_app(target).select_jinja_autoescape(filename) is expected


def test_select_jinja_autoescape_override(target):
    """A Flask subclass overriding ``select_jinja_autoescape`` decides which templates are autoescaped (Flask API: Flask.select_jinja_autoescape)."""

    class App(target.Flask):
        def select_jinja_autoescape(self, filename):
            return filename is not None and filename.endswith(".txt")

    app = templating_app(target, App)
    with app.app_context():
        assert target.render_template("escape.txt", value="<x>") == "&lt;x&gt;"
        assert target.render_template("escape.html", value="<x>") == "<x>"
