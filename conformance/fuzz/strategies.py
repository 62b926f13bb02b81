"""Hypothesis strategies drawing fuzz cases: an app description and its requests.

Requests are drawn from the app: most paths are built from one of its rules
(converter values from pools of valid and invalid ones), then sometimes bent
(trailing slash toggled, slashes doubled, percent-encoding, broken UTF-8), so
that routing, redirects, hooks and handlers are reached rather than 404s only.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

from conformance.fuzz.source import HANDLER_CLASSES

SERVER_NAMES = ("example.test", "example.test:8080", "localhost")
HOSTS = (
    "localhost",
    "example.test",
    "api.example.test",
    "EXAMPLE.test",
    "example.test:8080",
    "a.b.example.test",
    "evil.test",
    "[::1]:5000",
    "",
    "bad host",
    "xn--bcher-kva.example.test",
)

STATIC_SEGMENTS = ("a", "b", "users", "é", "x-y", "a.b", "~t", "sp ace", "日本", "+", "a_b", "v1")

#: Converter spec → values a path may carry for it (some match, some do not).
CONVERTERS: dict[str, tuple[str, ...]] = {
    "": ("abc", "é", "a b", "1", "%2F", "x.y"),
    "string": ("abc", "", "ü"),
    "string(minlength=2)": ("a", "ab", "abcd"),
    "string(maxlength=3)": ("abc", "abcd"),
    "string(length=2)": ("ab", "a", "abc"),
    "int": ("0", "12", "-3", "007", "1.5", "x", "１２"),
    "int(fixed_digits=3)": ("007", "7", "1234"),
    "int(min=1, max=50)": ("0", "1", "50", "51"),
    "int(signed=True)": ("-3", "+4", "5"),
    "float": ("1.5", "2", "-1.5", "1e3", ".5"),
    "float(signed=True)": ("-1.5", "1.5"),
    "float(min=0.5)": ("0.25", "0.5", "9.0"),
    "path": ("a/b", "a//b", "", "a/b/", "é/ü"),
    "uuid": (
        "12345678-1234-5678-1234-567812345678",
        "12345678-1234-5678-1234-56781234567G",
        "12345678123456781234567812345678",
    ),
    "any(a, b)": ("a", "b", "c"),
    "any('x y', z)": ("x y", "z", "x%20y"),
}

METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "PROPFIND")
STATUSES = (200, 201, 204, 299, 301, 304, 400, 404, 418, 500, 599, "201 CREATED", "299 Fuzzy")
ABORT_CODES = (400, 401, 403, 404, 405, 409, 410, 413, 418, 500, 503, 299, 399)
READS = (
    "args",
    "form",
    "files",
    "json",
    "json_silent",
    "data",
    "values",
    "path",
    "full_path",
    "url",
    "base_url",
    "url_root",
    "host",
    "endpoint",
    "blueprint",
    "blueprints",
    "rule",
    "view_args",
    "method",
    "cookies",
    "is_json",
    "content_type",
    "content_length",
    "scheme",
    "script_root",
    "trusted_hosts",
    "max_content_length",
    "accept",
)
RETURNS = (
    "str",
    "bytes",
    "dict",
    "list",
    "tuple_status",
    "tuple_headers",
    "tuple3",
    "response",
    "make_response",
    "jsonify",
    "generator",
    "none",
    "int",
    "tuple1",
    "tuple4",
    "redirect",
    "redirect_url_for",
    "abort",
    "abort_response",
    "raise_value",
    "raise_key",
    "raise_own",
    "raise_not_found",
    "raise_bad_request",
    "tuple_response_status",
    "tuple_list_headers",
    "head_body",
    "template",
    "stream_with_context",
)
HANDLER_DOES = ("text", "text_default", "return_error", "raise_value", "reraise", "abort")
HANDLER_CODES = (400, 404, 405, 413, 418, 500, 503, 299)
#: Config keys an app sometimes sets, with the values it may set them to.
OPTIONAL_CONFIG = (
    ("PROPAGATE_EXCEPTIONS", (True, False)),
    ("TRAP_HTTP_EXCEPTIONS", (True, False)),
    ("TRAP_BAD_REQUEST_ERRORS", (True, False)),
    ("PREFERRED_URL_SCHEME", ("https", "ftp")),
    ("SESSION_COOKIE_NAME", ("sid", "session")),
    ("SESSION_COOKIE_PATH", ("/p", "/")),
    ("SESSION_COOKIE_DOMAIN", ("example.test", ".example.test", "localhost")),
    ("SESSION_COOKIE_SAMESITE", ("Lax", "Strict", "None")),
    ("SESSION_COOKIE_SECURE", (True,)),
    ("SESSION_COOKIE_HTTPONLY", (False,)),
    ("SESSION_COOKIE_PARTITIONED", (True,)),
    ("SESSION_REFRESH_EACH_REQUEST", (False,)),
    ("PERMANENT_SESSION_LIFETIME", (0, 60, 10**9)),
    ("SECRET_KEY_FALLBACKS", (["not-the-secret"], [])),
    ("MAX_FORM_MEMORY_SIZE", (1, 16)),
    ("MAX_FORM_PARTS", (1, 2)),
    ("MAX_COOKIE_SIZE", (100, 0)),
)
#: Session payloads beyond plain dicts: tagged values (Flask's TaggedJSONSerializer
#: tags) and payloads that are not a dict at all.
TAGGED_PAYLOADS = (
    {"user": {" t": ["a", 1]}},
    {"user": {" b": "aGk="}},
    {"user": {" m": "<b>x</b>"}},
    {"user": {" u": "12345678-1234-5678-1234-567812345678"}},
    {"user": {" d": "Wed, 21 Oct 2015 07:28:00 GMT"}},
    {"user": {" di": {"a": 1}}},
    {"user": {" x": 1}},
    {"_flashes": [{" t": ["message", "hi"]}]},
    [1, 2],
    "text",
    None,
)
SESSION_KEYS = ("user", "n", "_flashes", "k")
SMALL_VALUES = st.sampled_from(("x", "é", "", "1", 0, 1, None, True, [1, "a"], {"a": 1}))


@st.composite
def segments(draw: st.DrawFn) -> list[dict[str, Any]]:
    found = []
    for number in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            found.append({"static": draw(st.sampled_from(STATIC_SEGMENTS))})
        else:
            converter = draw(st.sampled_from(list(CONVERTERS)))
            found.append({"converter": converter, "name": f"v{number}"})
    return found


@st.composite
def apps(draw: st.DrawFn) -> dict[str, Any]:
    """An app description (see :mod:`conformance.fuzz.source` for its shape)."""
    matching = draw(st.sampled_from(("plain", "plain", "subdomain", "host")))
    options: dict[str, Any] = {}
    config: dict[str, Any] = {
        "SECRET_KEY": draw(st.sampled_from(("fuzz-secret",) * 5 + (None, ""))),
        "TESTING": draw(st.booleans()),
    }
    server_name = None
    if matching == "subdomain":
        options["subdomain_matching"] = True
    if matching == "host":
        options["host_matching"] = True
    if matching != "plain" or draw(st.integers(0, 3)) == 0:
        server_name = draw(st.sampled_from(SERVER_NAMES))
        config["SERVER_NAME"] = server_name
    if draw(st.integers(0, 4)) == 0:
        config["TRUSTED_HOSTS"] = draw(
            st.sampled_from(([".example.test"], ["localhost"], ["example.test", "evil.test"]))
        )
    if draw(st.integers(0, 3)) == 0:
        config["MAX_CONTENT_LENGTH"] = draw(st.sampled_from((0, 10, 64)))
    if draw(st.integers(0, 5)) == 0:
        config["APPLICATION_ROOT"] = draw(st.sampled_from(("/root", "/")))
    for _ in range(draw(st.integers(0, 3))):
        key, values = draw(st.sampled_from(OPTIONAL_CONFIG))
        config[key] = draw(st.sampled_from(values))
    json: dict[str, Any] = {}
    if draw(st.integers(0, 4)) == 0:
        json[draw(st.sampled_from(("sort_keys", "ensure_ascii", "compact")))] = draw(st.booleans())
    url_map: dict[str, Any] = {}
    if draw(st.integers(0, 4)) == 0:
        url_map["strict_slashes"] = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        url_map["merge_slashes"] = draw(st.booleans())

    blueprints = []
    for index in range(draw(st.integers(0, 3))):
        parent = draw(st.none() | st.integers(0, index - 1)) if index else None
        blueprints.append(
            {
                "name": f"b{index}",
                "parent": parent,
                "url_prefix": draw(st.sampled_from((None, f"/p{index}", "/p/", "/é", "/<lang>"))),
                "subdomain": draw(st.sampled_from((None, None, "api", "<sub>")))
                if matching == "subdomain"
                else None,
                "url_defaults": draw(st.sampled_from((None, None, {"lang": "en"}, {"d": 1}))),
                "register": draw(
                    st.sampled_from(
                        ({}, {}, {"url_prefix": "/r"}, {"name": f"n{index}"}, {"url_prefix": ""})
                    )
                ),
            }
        )
    scopes = st.sampled_from([None, *range(len(blueprints))]) if blueprints else st.none()

    routes = []
    for index in range(draw(st.integers(1, 4))):
        route = {
            "scope": draw(scopes),
            "segments": draw(segments()),
            "slash": draw(st.booleans()),
            "endpoint": f"r{index}",
            "methods": draw(
                st.sampled_from((None, None, ["GET"], ["POST"], ["GET", "POST"], ["PUT", "get"]))
            ),
            "strict_slashes": draw(st.sampled_from((None, None, False, True))),
            "provide_automatic_options": draw(st.sampled_from((None, None, None, False, True))),
            "defaults": draw(st.sampled_from((None, None, "v0", {"extra": 1}))),
            "subdomain": draw(st.sampled_from((None, "api", "<sub>")))
            if matching == "subdomain"
            else None,
            "host": draw(st.sampled_from((None, "example.test", "<sub>.example.test")))
            if matching == "host"
            else None,
        }
        if route["defaults"] == "v0":
            route["defaults"] = {"v0": _default_for(route["segments"])}
        route["view"] = draw(views(len(routes) + 1))
        routes.append(route)
    endpoints = _endpoints(blueprints, routes)
    for route in routes:
        for step in route["view"]["steps"]:
            if step["kind"] == "url_for":
                step["endpoint"] = draw(st.sampled_from([*endpoints, ".r0", "missing"]))
        route["view"]["return_args"]["endpoint"] = draw(st.sampled_from(endpoints))

    hooks = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(
            st.sampled_from(
                (
                    "before_request",
                    "after_request",
                    "teardown_request",
                    "url_value_preprocessor",
                    "url_defaults",
                )
            )
        )
        hooks.append(
            {
                "scope": draw(scopes),
                "kind": kind,
                "early": draw(st.sampled_from((None, None, "early")))
                if kind == "before_request"
                else None,
                "key": draw(st.sampled_from((None, "v0", "lang", "sub"))),
                "value": draw(st.sampled_from(("en", 7))),
            }
        )
    handlers = []
    for _ in range(draw(st.integers(0, 3))):
        handlers.append(
            {
                "scope": draw(scopes),
                "key": draw(st.sampled_from(HANDLER_CODES) | st.sampled_from(HANDLER_CLASSES)),
                "does": draw(st.sampled_from(HANDLER_DOES)),
            }
        )
    return {
        "options": options,
        "config": config,
        "url_map": url_map,
        "json": json,
        "signals": draw(st.booleans()),
        "blueprints": blueprints,
        "routes": routes,
        "hooks": hooks,
        "handlers": handlers,
    }


def _default_for(found: list[dict[str, Any]]) -> Any:
    """A default for ``v0`` its converter accepts (a number for numeric ones)."""
    for segment in found:
        if segment.get("name") == "v0":
            if segment["converter"].startswith(("int", "float")):
                return 3
            return CONVERTERS[segment["converter"]][0]
    return "d"


def _blueprint_path(blueprints: list[dict[str, Any]], index: int | None) -> list[int]:
    chain = []
    while index is not None:
        chain.append(index)
        index = blueprints[index]["parent"]
    return list(reversed(chain))


def _endpoints(blueprints: list[dict[str, Any]], routes: list[dict[str, Any]]) -> list[str]:
    found = []
    for route in routes:
        chain = _blueprint_path(blueprints, route["scope"])
        found.append(".".join([*(blueprints[i]["name"] for i in chain), route["endpoint"]]))
    return found


@st.composite
def views(draw: st.DrawFn, _unused: int = 0) -> dict[str, Any]:
    steps = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(
                (
                    "read",
                    "read",
                    "read",
                    "session_set",
                    "session_get",
                    "session_permanent",
                    "session_clear",
                    "flash",
                    "flashed",
                    "url_for",
                    "after_this_request",
                    "g",
                )
            )
        )
        step: dict[str, Any] = {"kind": kind}
        if kind == "read":
            step["what"] = draw(st.sampled_from(READS))
        elif kind == "session_set":
            step["key"] = draw(st.sampled_from(SESSION_KEYS))
            step["value"] = draw(SMALL_VALUES)
        elif kind == "session_get":
            step["key"] = draw(st.sampled_from(SESSION_KEYS))
        elif kind == "flash":
            step["message"] = draw(st.sampled_from(("hi", "é", "")))
            step["category"] = draw(st.sampled_from(("message", "error")))
        elif kind == "url_for":
            step["endpoint"] = "r0"
            step["values"] = draw(
                st.sampled_from(
                    (
                        {},
                        {"v0": 3},
                        {"v0": "a b"},
                        {"q": "é"},
                        {"lang": "fr"},
                        {"q": ["a", "b"]},
                        {"q": None},
                        {"_anchor": "x y"},
                        {"_method": "POST"},
                        {"_scheme": "https"},
                        {"_scheme": "https", "_anchor": "a"},
                    )
                )
            )
            step["external"] = draw(st.booleans())
        steps.append(step)
    return {
        "steps": steps,
        "returns": draw(st.sampled_from(RETURNS)),
        "return_args": {
            "status": draw(st.sampled_from(STATUSES)),
            "location": draw(st.sampled_from(("/x", "http://other.test/é?a=1", "rel", "//x"))),
            "redirect_code": draw(st.sampled_from((301, 302, 303, 307, 308))),
            "endpoint": "r0",
        },
    }


def _route_path(draw: st.DrawFn, app: dict[str, Any], route: dict[str, Any]) -> str:
    parts = []
    for index in _blueprint_path(app["blueprints"], route["scope"]):
        prefix = app["blueprints"][index]["url_prefix"]
        if prefix:
            parts.append(prefix.replace("<lang>", draw(st.sampled_from(("en", "fr")))))
    for segment in route["segments"]:
        if "static" in segment:
            parts.append(segment["static"])
        else:
            values = CONVERTERS[segment["converter"]]
            # The first value of each pool matches: use it most of the time.
            parts.append(values[0] if _likely(draw) else draw(st.sampled_from(values)))
    path = "/" + "/".join(part.strip("/") for part in parts if part.strip("/"))
    if route["slash"] and route["segments"]:
        path += "/"
    return path


def _likely(draw: st.DrawFn) -> bool:
    """True seven times in ten: for choices that keep a request on its route."""
    return draw(st.integers(0, 9)) < 7


def _bend(draw: st.DrawFn, path: str) -> str:
    if _likely(draw):
        return path
    how = draw(
        st.sampled_from(
            (
                "toggle_slash",
                "toggle_slash",
                "toggle_slash",
                "double_slash",
                "percent",
                "upper",
                "extra",
                "bad_utf8",
                "dot_segment",
            )
        )
    )
    if how == "toggle_slash":
        return path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"
    if how == "double_slash":
        return "/" + path
    if how == "percent":
        return quote(path, safe="/")
    if how == "upper":
        return path.upper()
    if how == "extra":
        return path.rstrip("/") + "/extra"
    if how == "bad_utf8":
        return path + "%FF%fe"
    if how == "dot_segment":
        return path + "/../a"
    return path


@st.composite
def bodies(draw: st.DrawFn, app: dict[str, Any]) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(("none", "none", "json", "bad_json", "form", "multipart", "raw", "large"))
    )
    if kind == "json":
        text = json.dumps(draw(SMALL_VALUES.map(lambda value: {"v": value}) | SMALL_VALUES))
        return {"kind": "json", "text": text}
    if kind == "bad_json":
        text = draw(st.sampled_from(('{"a":', "", "nul", "[1,]", '{"a": NaN}', "\ufeff{}")))
        return {"kind": "json", "text": text}
    if kind == "form":
        fields = draw(
            st.lists(
                st.tuples(st.sampled_from(("a", "b", "é")), st.sampled_from(("1", "x y", "ü"))),
                max_size=3,
            )
        )
        return {"kind": "form", "fields": fields}
    if kind == "multipart":
        return {
            "kind": "multipart",
            "fields": [["a", "1"]],
            "files": draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(("f", "g")),
                        st.sampled_from(("a.txt", "../e.txt", "é.bin", "")),
                        st.sampled_from(("data", "")),
                    ).map(list),
                    max_size=2,
                )
            ),
        }
    if kind == "raw":
        content = draw(st.sampled_from((b"\xff\xfe", b"a=%FF&b=\xc3", b"plain", b"a=1&a=2")))
        content_type = draw(
            st.sampled_from(
                (
                    "application/x-www-form-urlencoded",
                    "text/plain",
                    "application/json",
                    "application/x-www-form-urlencoded; charset=latin-1",
                )
            )
        )
        return {
            "kind": "raw",
            "base64": base64.b64encode(content).decode(),
            "content_type": content_type,
        }
    if kind == "large":
        content = b"a=" + b"x" * draw(st.sampled_from((20, 100, 5000)))
        return {
            "kind": "raw",
            "base64": base64.b64encode(content).decode(),
            "content_type": "application/x-www-form-urlencoded",
        }
    return {"kind": "none"}


@st.composite
def cookies(draw: st.DrawFn) -> dict[str, Any] | None:
    kind = draw(
        st.sampled_from((None, None, "carry", "carry", "signed", "forged", "garbage", "oversized"))
    )
    if kind is None:
        return None
    if kind in ("signed", "forged"):
        data = draw(
            st.dictionaries(
                st.sampled_from(SESSION_KEYS[:2]), st.sampled_from(("x", 1)), max_size=2
            )
            | st.sampled_from(TAGGED_PAYLOADS)
        )
        return {"kind": kind, "data": data}
    if kind == "garbage":
        return {"kind": kind, "value": draw(st.sampled_from(("abc", "", "e30.x.y", '"q"', "é")))}
    if kind == "oversized":
        return {"kind": kind, "size": 5000}
    return {"kind": kind}


def _route_host(app: dict[str, Any], route: dict[str, Any]) -> str:
    """The Host header a route answers on: its host rule, its subdomain under
    SERVER_NAME, SERVER_NAME, else ``localhost``."""
    if route["host"]:
        return route["host"].replace("<sub>", "x")
    server_name = app["config"].get("SERVER_NAME") or "localhost"
    subdomain = route["subdomain"]
    for index in _blueprint_path(app["blueprints"], route["scope"]):
        subdomain = subdomain or app["blueprints"][index]["subdomain"]
    if subdomain:
        return f"{subdomain.replace('<sub>', 'x')}.{server_name}"
    return server_name


@st.composite
def requests(draw: st.DrawFn, app: dict[str, Any]) -> dict[str, Any]:
    if draw(st.integers(0, 5)) == 0:
        path = draw(st.sampled_from(("/", "//", "/%", "/a%2Fb", "/é", "/" + "x" * 300, "/a/")))
        route = None
    else:
        route = draw(st.sampled_from(app["routes"]))
        path = _bend(draw, _route_path(draw, app, route))
    server_name = app["config"].get("SERVER_NAME")
    hosts = list(HOSTS)
    if server_name:
        hosts += [server_name] * 3 + [f"api.{server_name}", f"x.{server_name}"]
    method = draw(st.sampled_from(METHODS))
    host = draw(st.sampled_from(hosts))
    if route is not None and _likely(draw):
        host = _route_host(app, route)
        if route["methods"]:
            method = draw(st.sampled_from(route["methods"])).upper()
    return {
        "method": method,
        "path": path,
        "query": draw(st.sampled_from(("", "", "a=1", "a=1&a=2", "q=%FF", "x=é&y", "a=b=c"))),
        "host": host,
        "headers": draw(
            st.sampled_from(([], [], [["Accept", "application/json"]], [["X-Fuzz", "1"]]))
        ),
        "cookie": draw(cookies()),
        "body": draw(bodies(app)),
    }


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """A whole fuzz case: an app and one to four requests sent to it in order."""
    app = draw(apps())
    return {"app": app, "requests": draw(st.lists(requests(app), min_size=1, max_size=4))}
