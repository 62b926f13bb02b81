"""impl's per-request shortcuts give what the general paths they skip give.

Three shortcuts taken on every request are checked here against the code
they stand in for: the null session of an app without a secret key (made
without its constructors), compact JSON response bodies (the C encoder built
directly rather than through ``JSONEncoder.encode``) and ``request.cookies``
(the environ's ``HTTP_COOKIE`` read rather than every header walked). Each is
also checked to step aside when a seam it relies on is overridden. The specs
cover the observable behaviour on both targets; these tests pin the
equivalence for inputs the specs do not try. They measure no time.
"""

from __future__ import annotations

import datetime
import decimal
import json
import threading
import typing as t
import uuid
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import EnvironHeaders, ImmutableMultiDict, MultiDict
from werkzeug.wrappers import Request as WerkzeugRequest

import impl
from impl.json.provider import DefaultJSONProvider
from impl.sessions import NullSession, SecureCookieSessionInterface


def _session_seen_by_views(app: impl.Flask, requests: int = 2) -> list[t.Any]:
    """The session object each of *requests* requests saw."""
    seen = []

    @app.route("/")
    def index() -> str:
        seen.append(impl.session._get_current_object())
        return "index"

    client = app.test_client()
    for _ in range(requests):
        assert client.get("/").status_code == 200
    return seen


def test_null_session_is_new_each_request_and_refuses_writes() -> None:
    first, second = _session_seen_by_views(impl.Flask(__name__))
    assert first is not second
    assert type(first) is NullSession
    assert vars(NullSession()).keys() <= vars(first).keys()
    assert first.on_update is NullSession().on_update
    assert (first.modified, first.accessed, dict(first)) == (False, True, {})
    with pytest.raises(RuntimeError, match="secret key"):
        first["user"] = "ada"
    with pytest.raises(RuntimeError, match="secret key"):
        first.setdefault("user", "ada")


def test_null_session_class_of_a_subclass_is_used() -> None:
    class MarkedNullSession(NullSession):
        made = 0

        def __init__(self) -> None:
            super().__init__()
            MarkedNullSession.made += 1

    class Interface(SecureCookieSessionInterface):
        null_session_class = MarkedNullSession

    app = impl.Flask(__name__)
    app.session_interface = Interface()
    sessions = _session_seen_by_views(app)
    assert [type(session) for session in sessions] == [MarkedNullSession] * 2
    assert MarkedNullSession.made == 2


def test_overridden_get_signing_serializer_decides_whether_a_session_opens() -> None:
    calls = []

    class Interface(SecureCookieSessionInterface):
        def get_signing_serializer(self, app: t.Any) -> t.Any:
            calls.append(app)
            return super().get_signing_serializer(app)

    app = impl.Flask(__name__)
    interface = app.session_interface = Interface()
    request = app.request_class({"HTTP_COOKIE": "session=anything"})
    assert interface.open_session(app, request) is None
    assert calls == [app]
    app.secret_key = "a key long enough for a test"
    opened = interface.open_session(app, request)
    assert type(opened) is interface.session_class
    assert (calls, dict(opened)) == ([app, app], {})


#: Values whose compact JSON response body is compared with ``json.dumps``.
JSON_VALUES = [
    {"b": 1, "a": [1, 2.5, None, True], "c": {"z": "é", "y": "\u2028"}},
    "just a string é",
    [float("nan"), float("inf"), -0.0, 10**30],
    {"when": datetime.datetime(2024, 1, 2, 3, 4, 5), "day": datetime.date(2024, 1, 2)},
    [decimal.Decimal("1.10"), uuid.UUID(int=7)],
    {"x": {}, "nested": [[], {}]},
    [],
    None,
]


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("value", JSON_VALUES, ids=range(len(JSON_VALUES)))
def test_compact_json_body_is_what_json_dumps_gives(
    value: t.Any, ensure_ascii: bool, sort_keys: bool
) -> None:
    app = impl.Flask(__name__)
    app.json.ensure_ascii = ensure_ascii
    app.json.sort_keys = sort_keys
    expected = json.dumps(
        value,
        default=app.json.default,
        ensure_ascii=ensure_ascii,
        sort_keys=sort_keys,
        separators=(",", ":"),
    )
    with app.app_context():
        assert impl.jsonify(value).get_data(as_text=True) == expected + "\n"


def test_compact_json_errors_are_those_of_json_dumps() -> None:
    app = impl.Flask(__name__)
    circular: list[t.Any] = []
    circular.append(circular)
    with app.app_context():
        with pytest.raises(ValueError, match="Circular reference"):
            impl.jsonify(circular)
        with pytest.raises(TypeError, match="object is not JSON serializable"):
            impl.jsonify({"x": [object()]})
        # A failed encode leaves nothing behind for the next one.
        shared = {"list": [1, 2]}
        assert impl.jsonify([shared, shared]).get_data() == b'[{"list":[1,2]},{"list":[1,2]}]\n'


def test_one_value_encoded_by_two_threads_at_once_is_not_a_circular_reference() -> None:
    """The circular-reference check's bookkeeping is per call: a ``default``
    that lets another thread run while the shared value is half encoded
    does not make that thread see the value as its own ancestor."""
    app = impl.Flask(__name__)
    both_inside = threading.Barrier(2, timeout=5)

    def waiting_default(value: t.Any) -> t.Any:
        both_inside.wait()
        return "waited"

    app.json.default = waiting_default
    shared = {"inner": [object()]}
    bodies: list[bytes] = []

    def encode() -> None:
        with app.app_context():
            bodies.append(impl.jsonify(shared).get_data())

    threads = [threading.Thread(target=encode) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert bodies == [b'{"inner":["waited"]}\n'] * 2


def test_json_settings_changed_between_responses_are_followed() -> None:
    app = impl.Flask(__name__)
    with app.app_context():
        assert impl.jsonify({"b": "é", "a": 1}).get_data() == b'{"a":1,"b":"\\u00e9"}\n'
        app.json.sort_keys = False
        app.json.ensure_ascii = False
        assert impl.jsonify({"b": "é", "a": 1}).get_data() == '{"b":"é","a":1}\n'.encode()
        app.json.default = lambda value: "converted"
        assert impl.jsonify([object()]).get_data() == b'["converted"]\n'
        DefaultJSONProvider.sort_keys = False
        try:
            del app.json.sort_keys
            assert impl.jsonify({"b": 1, "a": 2}).get_data() == b'{"b":1,"a":2}\n'
        finally:
            DefaultJSONProvider.sort_keys = True
        assert impl.jsonify({"b": 1, "a": 2}).get_data() == b'{"a":2,"b":1}\n'


#: ``Cookie`` headers whose parse is compared with Werkzeug's own.
COOKIE_HEADERS = [
    None,
    "",
    "a=1",
    "a=1; a=2; b=3",
    'quoted="x\\"y\\\\z"; plain=v',
    "  spaced = value ;;; =nameless; flag",
    "utf8=\xc3\xa9; é=latin",
    "session=eyJhIjoxfQ.Z1.abc; other=1",
]


@pytest.mark.parametrize("storage", [ImmutableMultiDict, MultiDict])
@pytest.mark.parametrize("header", COOKIE_HEADERS)
def test_cookies_are_what_werkzeug_gives(header: str | None, storage: type) -> None:
    environ = {"HTTP_HOST": "localhost", "HTTP_ACCEPT": "*/*", "REQUEST_METHOD": "GET"}
    if header is not None:
        environ["HTTP_COOKIE"] = header

    class Request(impl.Flask.request_class):
        dict_storage_class = storage

    found = Request(environ).cookies
    expected = WerkzeugRequest.cookies.fget(
        SimpleNamespace(headers=EnvironHeaders(environ), dict_storage_class=storage)
    )
    assert type(found) is type(expected) is storage
    assert list(found.items(multi=True)) == list(expected.items(multi=True))


def test_cookies_of_other_headers_go_werkzeugs_way() -> None:
    class OwnHeaders(EnvironHeaders):
        def getlist(self, key: str, type: t.Any = None) -> list[str]:
            return ["from=own-headers"] if key.lower() == "cookie" else []

    request = impl.Flask.request_class({"HTTP_COOKIE": "from=environ"})
    request.headers = OwnHeaders(request.environ)
    assert request.cookies.to_dict() == {"from": "own-headers"}


def test_cookies_are_kept_set_and_forgotten_like_a_cached_property() -> None:
    environ = {"HTTP_COOKIE": "a=1"}
    request = impl.Flask.request_class(environ)
    first = request.cookies
    assert request.cookies is first
    request.cookies = ImmutableMultiDict({"set": "by hand"})
    assert request.cookies.to_dict() == {"set": "by hand"}
    del request.cookies
    environ["HTTP_COOKIE"] = "a=2"
    assert request.cookies.to_dict() == {"a": "2"}
