"""``jsonify``, ``app.json.response`` and dict or list return values."""

import pytest


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        pytest.param((), {}, b"null\n", id="no-arguments-null"),
        pytest.param(({"a": 1},), {}, b'{"a":1}\n', id="one-dict"),
        pytest.param(([1, 2],), {}, b"[1,2]\n", id="one-list"),
        pytest.param(("text",), {}, b'"text"\n', id="one-string"),
        pytest.param((0,), {}, b"0\n", id="one-falsy-number"),
        pytest.param((1, "two", None), {}, b'[1,"two",null]\n', id="several-as-list"),
        pytest.param((), {"b": 2, "a": 1}, b'{"a":1,"b":2}\n', id="keywords-as-dict"),
    ],
)
def test_jsonify_argument_forms(target, app, args, kwargs, expected):
    """``jsonify`` serialises one positional argument as is, several as a list, keyword arguments as a dict and nothing as ``null`` (Flask API: jsonify)."""
    with app.app_context():
        assert target.jsonify(*args, **kwargs).data == expected


def test_jsonify_rejects_positional_and_keyword_arguments(target, app):
    """Giving ``jsonify`` both positional and keyword arguments raises ``TypeError`` (Flask API: jsonify)."""
    with app.app_context(), pytest.raises(TypeError):
        target.jsonify(1, a=2)


def test_jsonify_returns_a_200_json_response(target, app):
    """``jsonify`` returns an instance of the app's response class with status 200 and the ``application/json`` content type (Flask API: jsonify)."""
    with app.test_request_context():
        response = target.jsonify(a=1)

    assert isinstance(response, app.response_class)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.content_type == "application/json"
    assert response.get_json() == {"a": 1}


def test_jsonify_needs_an_app_context(target):
    """Calling ``jsonify`` with no application context raises ``RuntimeError`` (Flask API: jsonify)."""
    with pytest.raises(RuntimeError):
        target.jsonify(a=1)


def test_jsonify_in_a_view_with_status(target, app, client):
    """A view may return ``jsonify(...)`` with a status code in a tuple, which keeps the JSON body and type (Flask docs: Quickstart)."""

    @app.route("/")
    def index():
        return target.jsonify(error="missing"), 404

    response = client.get("/")

    assert response.status_code == 404
    assert response.is_json
    assert response.get_json() == {"error": "missing"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param({"b": [1], "a": None}, b'{"a":null,"b":[1]}\n', id="dict"),
        pytest.param([{"b": 1, "a": 2}, 3], b'[{"a":2,"b":1},3]\n', id="list"),
        pytest.param({}, b"{}\n", id="empty-dict"),
        pytest.param([], b"[]\n", id="empty-list"),
    ],
)
def test_dict_and_list_return_values_are_json(app, client, value, expected):
    """A dict or list returned from a view becomes a JSON response built by ``app.json.response`` (Flask docs: Quickstart)."""

    @app.route("/")
    def index():
        return value

    response = client.get("/")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.data == expected


def test_app_json_response_without_context(app):
    """``app.json.response`` builds a JSON response from the same argument forms as ``jsonify`` without needing a context (Flask API: JSONProvider.response)."""
    response = app.json.response(1, 2)

    assert response.data == b"[1,2]\n"
    assert response.mimetype == "application/json"
    with pytest.raises(TypeError):
        app.json.response(1, b=2)


def test_app_json_response_follows_debug(app):
    """``app.json.response`` indents its output once the application is in debug mode (Flask API: DefaultJSONProvider.response)."""
    app.debug = True

    assert app.json.response(a=1).data == b'{\n  "a": 1\n}\n'
