"""The settings of the default JSON provider: key order, ASCII, compactness, mimetype."""

import pytest


def test_app_json_is_a_default_provider(target, app):
    """An application's ``json`` attribute is an instance of ``DefaultJSONProvider`` unless configured otherwise (Flask API: Flask.json)."""
    assert isinstance(app.json, target.json.provider.DefaultJSONProvider)
    assert isinstance(app.json, target.json.provider.JSONProvider)


def test_default_settings(app):
    """The default provider sorts keys, escapes non-ASCII, leaves compactness to debug mode and uses ``application/json`` (Flask API: DefaultJSONProvider)."""
    assert app.json.sort_keys is True
    assert app.json.ensure_ascii is True
    assert app.json.compact is None
    assert app.json.mimetype == "application/json"


def test_keys_are_sorted_by_default(app):
    """``app.json.dumps`` sorts the keys of dicts at every level by default (Flask API: DefaultJSONProvider.sort_keys)."""
    text = app.json.dumps({"b": 1, "a": {"z": 1, "y": 2}})

    assert text == '{"a": {"y": 2, "z": 1}, "b": 1}'


def test_sort_keys_false_keeps_insertion_order(app):
    """With ``sort_keys`` set to false on the provider, dict keys keep their insertion order (Flask API: DefaultJSONProvider.sort_keys)."""
    app.json.sort_keys = False

    assert app.json.dumps({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'


def test_sorting_mixed_key_types_raises(app):
    """Keys are not converted before sorting, so a dict mixing string and integer keys cannot be serialised while ``sort_keys`` is on (Flask API: DefaultJSONProvider.sort_keys)."""
    with pytest.raises(TypeError):
        app.json.dumps({1: "a", "b": 2})
    app.json.sort_keys = False
    assert app.json.dumps({1: "a", "b": 2}) == '{"1": "a", "b": 2}'


def test_non_ascii_is_escaped_by_default(app):
    """Non-ASCII characters are written as ``\\u`` escapes by default (Flask API: DefaultJSONProvider.ensure_ascii)."""
    assert app.json.dumps("é☃") == '"\\u00e9\\u2603"'


def test_ensure_ascii_false_keeps_characters(app, client):
    """With ``ensure_ascii`` set to false, non-ASCII characters are written as they are, in ``jsonify`` responses too as UTF-8 (Flask API: DefaultJSONProvider.ensure_ascii)."""
    app.json.ensure_ascii = False

    @app.route("/")
    def index():
        return {"v": "é☃"}

    assert app.json.dumps("é☃") == '"é☃"'
    assert client.get("/").data == '{"v":"é☃"}\n'.encode()


def test_keyword_arguments_reach_json_dumps(app):
    """Keyword arguments given to ``app.json.dumps`` are passed on and override the provider's settings (Flask API: DefaultJSONProvider.dumps)."""
    text = app.json.dumps({"b": 1, "a": "é"}, sort_keys=False, ensure_ascii=False, indent=1)

    assert text == '{\n "b": 1,\n "a": "é"\n}'


@pytest.mark.parametrize(
    ("compact", "debug", "expected"),
    [
        pytest.param(None, False, b'{"a":[1,2],"b":null}\n', id="none-out-of-debug"),
        pytest.param(
            None, True, b'{\n  "a": [\n    1,\n    2\n  ],\n  "b": null\n}\n', id="none-in-debug"
        ),
        pytest.param(True, True, b'{"a":[1,2],"b":null}\n', id="true-in-debug"),
        pytest.param(
            False,
            False,
            b'{\n  "a": [\n    1,\n    2\n  ],\n  "b": null\n}\n',
            id="false-out-of-debug",
        ),
    ],
)
def test_compact_setting_shapes_responses(target, app, compact, debug, expected):
    """JSON responses have no whitespace when ``compact`` is true, or ``None`` out of debug mode, and are indented by two spaces otherwise; both end with a newline (Flask API: DefaultJSONProvider.compact)."""
    app.json.compact = compact
    app.debug = debug

    with app.app_context():
        response = target.jsonify(b=None, a=[1, 2])

    assert response.data == expected


def test_compact_does_not_change_dumps(app):
    """The ``compact`` setting and debug mode shape only responses, not the text returned by ``app.json.dumps`` (Flask API: DefaultJSONProvider.compact)."""
    app.json.compact = False
    app.debug = True

    assert app.json.dumps({"a": 1}) == '{"a": 1}'


def test_mimetype_setting_sets_response_type(target, app, client):
    """Setting ``mimetype`` on the provider changes the content type of ``jsonify`` responses and JSON return values (Flask API: DefaultJSONProvider.mimetype)."""
    app.json.mimetype = "application/vnd.api+json"

    @app.route("/")
    def index():
        return {"a": 1}

    with app.app_context():
        assert target.jsonify(1).mimetype == "application/vnd.api+json"
    assert client.get("/").content_type == "application/vnd.api+json"
