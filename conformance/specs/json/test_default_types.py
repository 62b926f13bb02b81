"""The extra types the default JSON provider serialises, and what it refuses."""

import dataclasses
import datetime
import decimal
import uuid

import pytest

from conformance.support import cases


@dataclasses.dataclass
class Point:
    x: object
    y: object


class Html:
    """An object with an ``__html__`` method, as Markup is."""

    def __init__(self, markup):
        self.markup = markup

    def __html__(self):
        return self.markup


class Opaque:
    """A type no JSON provider knows."""


def _build(given):
    kind, args = given["kind"], given["args"]
    if kind == "date":
        return datetime.date(*args)
    if kind == "datetime":
        return datetime.datetime(*args)
    if kind == "datetime+02:00":
        return datetime.datetime(*args, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    if kind == "decimal":
        return decimal.Decimal(*args)
    if kind == "uuid":
        return uuid.UUID(*args)
    if kind == "dataclass":
        return Point(*args)
    if kind == "html":
        return Html(*args)
    if kind == "nested":
        value = decimal.Decimal(*args)
        return {"items": [value, {"d": value}]}
    raise AssertionError(kind)


@pytest.mark.parametrize(("given", "expected"), cases("json_default_types"))
def test_default_provider_serialises_extra_types(app, given, expected):
    """The default provider serialises dates and datetimes as HTTP dates in GMT, decimals and UUIDs as strings, dataclasses as dicts and ``__html__`` objects as their markup (Flask API: DefaultJSONProvider)."""
    assert app.json.dumps(_build(given)) == expected


def test_unsupported_type_raises_type_error(app):
    """Serialising an object of a type the default provider does not know raises ``TypeError`` naming the type (Flask API: DefaultJSONProvider.default)."""
    with pytest.raises(TypeError, match="Object of type Opaque is not JSON serializable"):
        app.json.dumps({"value": Opaque()})


def test_jsonify_unsupported_type_is_a_server_error(target, app, client):
    """A view that jsonifies an unserialisable object ends in a 500 response (Flask API: jsonify)."""
    app.config["TESTING"] = False

    @app.route("/")
    def index():
        return target.jsonify(Opaque())

    assert client.get("/").status_code == 500


def test_provider_default_override_handles_new_types(target, app):
    """A provider subclass whose ``default`` handles a new type serialises it, and can delegate other types to the inherited ``default`` (Flask API: DefaultJSONProvider.default)."""
    base = target.json.provider.DefaultJSONProvider

    def default(o):
        if isinstance(o, Opaque):
            return "opaque"
        return base.default(o)

    class Provider(base):
        pass

    Provider.default = staticmethod(default)
    app.json = Provider(app)

    assert app.json.dumps([Opaque(), decimal.Decimal("2")]) == '["opaque", "2"]'
    with pytest.raises(TypeError):
        app.json.dumps(object())


def test_default_keyword_overrides_provider_default(app):
    """A ``default`` keyword passed to ``app.json.dumps`` replaces the provider's ``default`` for that call (Flask API: DefaultJSONProvider.dumps)."""
    text = app.json.dumps([Opaque(), decimal.Decimal("2")], default=lambda o: type(o).__name__)

    assert text == '["Opaque", "Decimal"]'


def test_default_on_instance_applies(app):
    """Assigning a function to ``default`` on the provider instance changes how unknown types are serialised (Flask API: DefaultJSONProvider.default)."""
    app.json.default = lambda o: "custom"

    assert app.json.dumps({"a": Opaque()}) == '{"a": "custom"}'
