"""The ``tojson`` template filter."""

import datetime

import pytest

from conformance.support import cases


def _render(target, app, source, **context):
    with app.app_context():
        return target.render_template_string(source, **context)


@pytest.mark.parametrize(("given", "expected"), cases("json_tojson_escapes"))
def test_tojson_escapes_html_characters(target, app, given, expected):
    """The ``tojson`` filter writes ``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes so its output is safe inside HTML and script tags (Flask docs: Templates)."""
    assert _render(target, app, "{{ value|tojson }}", value=given) == expected


def test_tojson_output_is_not_autoescaped(target, app):
    """The output of ``tojson`` is marked safe, so autoescaping leaves its double quotes alone (Flask docs: Templates)."""
    assert _render(target, app, "<script>x = {{ v|tojson }};</script>", v=["a"]) == (
        '<script>x = ["a"];</script>'
    )


def test_tojson_indent_argument(target, app):
    """``tojson`` takes an ``indent`` argument that pretty-prints the JSON (Flask docs: Templates)."""
    rendered = _render(target, app, "{{ v|tojson(indent=2) }}", v={"a": [1]})

    assert rendered == '{\n  "a": [\n    1\n  ]\n}'


def test_tojson_uses_app_provider_types(target, app):
    """``tojson`` serialises through the app's JSON provider, so dates become HTTP dates (Flask API: DefaultJSONProvider)."""
    rendered = _render(target, app, "{{ v|tojson }}", v=datetime.date(2020, 1, 1))

    assert rendered == '"Wed, 01 Jan 2020 00:00:00 GMT"'


def test_tojson_sorts_keys_even_when_provider_does_not(target, app):
    """``tojson`` asks for sorted keys itself, so its output is sorted even when the provider's ``sort_keys`` is off (Flask docs: Templates)."""
    app.json.sort_keys = False

    assert _render(target, app, "{{ v|tojson }}", v={"b": 1, "a": 2}) == '{"a": 2, "b": 1}'


def test_tojson_uses_custom_provider_dumps(target):
    """A custom provider's ``dumps`` produces the text of ``tojson``, which is then made HTML-safe (Flask API: Flask.json_provider_class)."""

    class Provider(target.json.provider.DefaultJSONProvider):
        def dumps(self, obj, **kwargs):
            return '"<custom>"'

    class App(target.Flask):
        json_provider_class = Provider

    app = App("tojson_custom")

    assert _render(target, app, "{{ v|tojson }}", v=1) == '"\\u003ccustom\\u003e"'
