"""``flask.json.dumps``, ``loads``, ``dump`` and ``load`` with and without an app context."""

import datetime
import io

import pytest


def test_dumps_in_app_context_uses_app_provider(target, app):
    """Inside an application context ``json.dumps`` delegates to ``current_app.json.dumps``, so the provider's settings apply (Flask API: json.dumps)."""
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    with app.app_context():
        assert target.json.dumps({"b": "é", "a": 1}) == '{"b": "é", "a": 1}'


def test_dumps_without_app_context_uses_stdlib_with_flask_types(target):
    """Without an application context ``json.dumps`` uses the standard library, keeping key order but still serialising dates as HTTP dates (Flask API: json.dumps)."""
    text = target.json.dumps({"b": datetime.date(2024, 1, 2), "a": "é"})

    assert text == '{"b": "Tue, 02 Jan 2024 00:00:00 GMT", "a": "\\u00e9"}'


def test_dumps_without_app_context_passes_keywords(target):
    """Keyword arguments given to ``json.dumps`` outside an application context reach the standard library, including a replacement ``default`` (Flask API: json.dumps)."""
    text = target.json.dumps({"b": object(), "a": 1}, sort_keys=True, default=lambda o: "?")

    assert text == '{"a": 1, "b": "?"}'


def test_dumps_without_app_context_refuses_unknown_types(target):
    """Outside an application context ``json.dumps`` raises ``TypeError`` for a type it cannot serialise (Flask API: json.dumps)."""
    with pytest.raises(TypeError):
        target.json.dumps(object())


def _recording_provider(target, calls):
    class Provider(target.json.provider.JSONProvider):
        def dumps(self, obj, **kwargs):
            calls.append(("dumps", obj, kwargs))
            return "<dumped>"

        def loads(self, s, **kwargs):
            calls.append(("loads", s, kwargs))
            return "<loaded>"

    return Provider


def test_functions_in_app_context_delegate_to_provider(target, app):
    """Inside an application context ``json.dumps``, ``dump``, ``loads`` and ``load`` call the app's provider, passing keyword arguments through (Flask API: flask.json)."""
    calls = []
    app.json = _recording_provider(target, calls)(app)
    written = io.StringIO()

    with app.app_context():
        assert target.json.dumps([1], indent=3) == "<dumped>"
        target.json.dump({"k": 2}, written)
        assert target.json.loads("[1]", strict=False) == "<loaded>"
        assert target.json.load(io.StringIO("[2]")) == "<loaded>"

    assert written.getvalue() == "<dumped>"
    assert calls == [
        ("dumps", [1], {"indent": 3}),
        ("dumps", {"k": 2}, {}),
        ("loads", "[1]", {"strict": False}),
        ("loads", "[2]", {}),
    ]


@pytest.mark.parametrize(
    "source", ['{"a": [1, 2.5, null, true]}', b'{"a": [1, 2.5, null, true]}'], ids=["text", "bytes"]
)
def test_loads_accepts_text_and_bytes(target, app, source):
    """``json.loads`` reads text or UTF-8 bytes, with or without an application context (Flask API: json.loads)."""
    expected = {"a": [1, 2.5, None, True]}

    assert target.json.loads(source) == expected
    with app.app_context():
        assert target.json.loads(source) == expected


def test_dump_and_load_files_without_app_context(target):
    """Outside an application context ``json.dump`` writes to a text file and ``json.load`` reads it back, serialising Flask's extra types (Flask API: json.dump)."""
    buffer = io.StringIO()

    target.json.dump({"when": datetime.date(2000, 1, 1)}, buffer)
    buffer.seek(0)

    assert target.json.load(buffer) == {"when": "Sat, 01 Jan 2000 00:00:00 GMT"}


def test_dump_and_load_files_in_app_context(target, app):
    """Inside an application context ``json.dump`` writes with the app's provider settings and ``json.load`` reads binary files of UTF-8 too (Flask API: json.load)."""
    buffer = io.StringIO()

    with app.app_context():
        target.json.dump({"b": 1, "a": "é"}, buffer)
        assert buffer.getvalue() == '{"a": "\\u00e9", "b": 1}'
        assert target.json.load(io.BytesIO('{"x": "é"}'.encode())) == {"x": "é"}


def test_loads_rejects_invalid_json(target, app):
    """``json.loads`` raises ``ValueError`` for text that is not JSON (Flask API: json.loads)."""
    with pytest.raises(ValueError):
        target.json.loads("{nope")
    with app.app_context(), pytest.raises(ValueError):
        target.json.loads("{nope")
