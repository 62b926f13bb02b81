"""Built-in converters: what each one matches, the value it passes, the URL it builds."""

import uuid

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("routing_converter_matching"))
def test_builtin_converter_matches_and_converts(app, client, given, expected):
    """A built-in converter matches only the path segments its options allow and passes the view a value of its type (Flask API: URL Route Registrations)."""

    @app.route(given["rule"])
    def show(value):
        return {"type": type(value).__name__, "value": str(value)}

    response = client.get(given["path"])
    assert response.status_code == expected["status"]
    if expected["status"] == 200:
        assert response.get_json() == {"type": expected["type"], "value": expected["value"]}


def _decode(value):
    if isinstance(value, dict) and "uuid" in value:
        return uuid.UUID(value["uuid"])
    return value


@pytest.mark.parametrize(("given", "expected"), cases("routing_url_building"))
def test_builtin_converter_builds_url(target, app, given, expected):
    """A rule's converters turn ``url_for`` values into quoted path segments (Flask API: Flask.url_for)."""
    app.add_url_rule(given["rule"], "show", lambda **values: "")
    values = {name: _decode(value) for name, value in given["values"].items()}

    with app.test_request_context():
        assert target.url_for("show", **values) == expected


def test_built_url_routes_back_to_the_same_values(target, app, client):
    """A URL built by ``url_for`` for converter rules matches the same rule and yields the same values (Flask API: Flask.url_for)."""
    given = {
        "id": uuid.UUID("0f9e8d7c-6b5a-4321-8765-43210fedcba9"),
        "n": -12,
        "ratio": 0.25,
        "rest": "dir one/file two.txt",
    }

    @app.route("/r/<uuid:id>/<int(signed=True):n>/<float:ratio>/<path:rest>")
    def show(id, n, ratio, rest):
        return {"id": str(id), "n": n, "ratio": ratio, "rest": rest}

    with app.test_request_context():
        url = target.url_for("show", **given)

    response = client.get(url)
    assert response.status_code == 200
    assert response.get_json() == {**given, "id": str(given["id"])}


def test_static_rule_wins_over_converter_rule(app, client):
    """A static rule matches before a rule with a variable part covering the same path, whatever the registration order (Flask docs: Routing)."""

    @app.route("/users/<name>")
    def user(name):
        return f"user {name}"

    @app.route("/users/new")
    def new_user():
        return "new"

    assert client.get("/users/new").data == b"new"
    assert client.get("/users/bob").data == b"user bob"


def test_int_rule_wins_over_string_rule_for_digits(app, client):
    """A path of digits goes to the ``int`` rule rather than an equally long ``string`` rule (Flask docs: Routing)."""

    @app.route("/item/<name>")
    def by_name(name):
        return f"name {name}"

    @app.route("/item/<int:number>")
    def by_number(number):
        return f"number {number}"

    assert client.get("/item/12").data == b"number 12"
    assert client.get("/item/twelve").data == b"name twelve"


def test_unknown_converter_name_fails_at_registration(app):
    """A rule naming a converter the map does not know raises ``LookupError`` when it is added (Flask API: Flask.url_map)."""
    with pytest.raises(LookupError):

        @app.route("/x/<nosuchconverter:value>")
        def show(value):
            return value
