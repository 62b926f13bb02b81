"""The tagged JSON serializer that stores non-JSON types in the session."""

from datetime import UTC, datetime
from uuid import UUID

import pytest

from conformance.support import cases


class Html:
    """An object following the ``__html__`` protocol, as ``markupsafe.Markup`` does."""

    def __init__(self, text):
        self.text = text

    def __html__(self):
        return self.text


def build(recipe):
    """Turn a ``fixtures/data/sessions_tagged_json.json`` input into a Python value."""
    [(kind, value)] = recipe.items()
    if kind == "value":
        return value
    if kind == "bytes":
        return bytes(value)
    if kind == "tuple":
        return tuple(build(item) for item in value)
    if kind == "list":
        return [build(item) for item in value]
    if kind == "dict":
        return {key: build(item) for key, item in value.items()}
    if kind == "uuid":
        return UUID(value)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "markup":
        return Html(value)
    raise ValueError(kind)


def plain(value):
    """The value a faithful round trip equals: ``__html__`` objects become their text."""
    if isinstance(value, Html):
        return value.text
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def shape(value):
    """The nested type names of a value; anything with ``__html__`` counts as Markup."""
    if callable(getattr(value, "__html__", None)):
        return "Markup"
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, tuple):
        return ("tuple", [shape(item) for item in value])
    return type(value).__name__


def _assert_round_trip(original, loaded, expected_type):
    assert type(loaded).__name__ == expected_type
    assert loaded == plain(original)
    assert shape(loaded) == shape(original)


@pytest.mark.parametrize(("given", "expected"), cases("sessions_tagged_json"))
def test_serializer_round_trips_the_value(target, given, expected):
    """Passing a value through ``TaggedJSONSerializer.dumps`` and ``loads`` gives back an equal value of the same types, including nested ones (Flask API: Tagged JSON)."""
    serializer = target.json.tag.TaggedJSONSerializer()
    original = build(given)

    dumped = serializer.dumps(original)

    assert isinstance(dumped, str)
    _assert_round_trip(original, serializer.loads(dumped), expected)


@pytest.mark.parametrize(("given", "expected"), cases("sessions_tagged_json"))
def test_session_round_trips_the_value(target, app, client, given, expected):
    """A value stored in the session comes back in the next request equal and with the same types, as the tagged JSON serializer keeps them (Flask API: SecureCookieSessionInterface)."""
    original = build(given)
    seen = []

    @app.route("/set")
    def set_value():
        target.session["value"] = original
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session["value"])
        return ""

    client.get("/set")
    client.get("/get")

    [loaded] = seen
    _assert_round_trip(original, loaded, expected)


def test_markup_comes_back_as_markup(target):
    """A value with an ``__html__`` method is restored as ``Markup`` whose text is that HTML (Flask API: Tagged JSON)."""
    serializer = target.json.tag.TaggedJSONSerializer()

    loaded = serializer.loads(serializer.dumps(Html("<em>hi</em>")))

    assert isinstance(loaded, target.json.tag.Markup)
    assert loaded.__html__() == "<em>hi</em>"


def test_datetime_round_trips_to_whole_seconds_in_utc(target):
    """A datetime is restored as a timezone-aware UTC datetime at whole-second precision (Flask API: Tagged JSON)."""
    serializer = target.json.tag.TaggedJSONSerializer()
    original = datetime(2022, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)

    loaded = serializer.loads(serializer.dumps(original))

    assert loaded == original.replace(microsecond=0)
    assert loaded.utcoffset().total_seconds() == 0


def test_unregistered_tag_key_is_left_as_a_dict(target):
    """Loading a one-key object whose key is not a registered tag gives that dict unchanged (Flask API: TaggedJSONSerializer.untag)."""
    serializer = target.json.tag.TaggedJSONSerializer()

    assert serializer.loads('{" nope": [1, 2]}') == {" nope": [1, 2]}


def _point_tag(target):
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

        def __eq__(self, other):
            return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    class TagPoint(target.json.tag.JSONTag):
        __slots__ = ()
        key = " pt"

        def check(self, value):
            return isinstance(value, Point)

        def to_json(self, value):
            return [value.x, value.y]

        def to_python(self, value):
            return Point(*value)

    return Point, TagPoint


def test_registered_custom_tag_round_trips(target):
    """A ``JSONTag`` subclass registered with ``register`` serializes and restores its type (Flask API: TaggedJSONSerializer.register)."""
    serializer = target.json.tag.TaggedJSONSerializer()
    Point, TagPoint = _point_tag(target)
    serializer.register(TagPoint)

    loaded = serializer.loads(serializer.dumps({"where": [Point(1, 2)]}))

    assert loaded == {"where": [Point(1, 2)]}


def test_register_at_index_zero_runs_before_builtin_tags(target):
    """A tag registered with ``index=0`` is checked before the built-in tags, so it can take over values such as dicts (Flask API: TaggedJSONSerializer.register)."""
    serializer = target.json.tag.TaggedJSONSerializer()

    class Ordered(dict):
        pass

    class TagOrdered(target.json.tag.JSONTag):
        __slots__ = ()
        key = " od"

        def check(self, value):
            return isinstance(value, Ordered)

        def to_json(self, value):
            return [[key, self.serializer.tag(item)] for key, item in value.items()]

        def to_python(self, value):
            return Ordered(value)

    appended = target.json.tag.TaggedJSONSerializer()
    appended.register(TagOrdered)
    serializer.register(TagOrdered, index=0)
    original = Ordered(b=1, a=(2,))

    assert type(appended.loads(appended.dumps(original))) is dict
    loaded = serializer.loads(serializer.dumps(original))
    assert type(loaded) is Ordered
    assert list(loaded.items()) == [("b", 1), ("a", (2,))]


def test_registering_a_duplicate_key_raises_key_error(target):
    """Registering a tag whose key is already registered raises ``KeyError`` (Flask API: TaggedJSONSerializer.register)."""
    serializer = target.json.tag.TaggedJSONSerializer()

    class AnotherTuple(target.json.tag.JSONTag):
        __slots__ = ()
        key = " t"

        def check(self, value):
            return False

    with pytest.raises(KeyError):
        serializer.register(AnotherTuple)


def test_force_replaces_a_registered_tag(target):
    """Calling ``register(..., force=True)`` replaces the tag registered under the same key, which then restores that key's values (Flask API: TaggedJSONSerializer.register)."""
    serializer = target.json.tag.TaggedJSONSerializer()

    class TupleAsList(target.json.tag.JSONTag):
        __slots__ = ()
        key = " t"

        def check(self, value):
            return False

        def to_python(self, value):
            return ["restored", *value]

    serializer.register(TupleAsList, force=True)

    assert serializer.loads('{" t": [1, 2]}') == ["restored", 1, 2]


def test_session_interface_serializer_accepts_custom_tags(target, app, client):
    """A custom tag registered on the ``serializer`` of a session interface is used for session values (Flask API: Tagged JSON)."""
    Point, TagPoint = _point_tag(target)
    serializer = target.json.tag.TaggedJSONSerializer()
    serializer.register(TagPoint, index=0)

    class PointSessions(target.sessions.SecureCookieSessionInterface):
        pass

    PointSessions.serializer = serializer
    app.session_interface = PointSessions()
    seen = []

    @app.route("/set")
    def set_value():
        target.session["here"] = Point(3, 4)
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session["here"])
        return ""

    client.get("/set")
    client.get("/get")

    assert seen == [Point(3, 4)]
