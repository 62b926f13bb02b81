"""Malformed, mistyped and unusual JSON bodies read with ``request.get_json``."""

import pytest
from werkzeug.exceptions import UnprocessableEntity

from conformance.support import cases

ERROR_TITLES = {
    400: "<title>400 Bad Request</title>",
    415: "<title>415 Unsupported Media Type</title>",
}


def _json_view(app, target):
    @app.route("/json", methods=["POST"])
    def read_json():
        options = target.request.args.to_dict()
        flags = {name: options.get(name) == "1" for name in ("silent", "force")}
        return repr(target.request.get_json(**flags))


@pytest.mark.parametrize(("given", "expected"), cases("security_json_bodies"))
def test_get_json_answers_hostile_bodies(target, app, client, given, expected):
    """``get_json`` answers a body that is malformed, not UTF-8 or of the wrong content type with 400 or 415 unless ``silent``/``force`` apply, and decodes any JSON value, huge numbers and NaN included (Flask API: Request.get_json)."""
    _json_view(app, target)
    query = {name: "1" for name, on in given["options"].items() if on}
    headers = {"Content-Type": given["content_type"]} if given["content_type"] else {}

    response = client.post(
        "/json", query_string=query, data=given["body"].encode("latin-1"), headers=headers
    )

    assert response.status_code == expected["status"]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    if "body" in expected:
        assert response.text == expected["body"]
    else:
        assert ERROR_TITLES[expected["status"]] in response.text


def test_unsupported_media_type_page_names_the_expected_type(target, app, client):
    """The 415 page for a JSON read of a ``text/plain`` body says JSON was not loaded because the content type was not ``application/json`` (Flask API: Request.get_json)."""
    _json_view(app, target)

    response = client.post("/json", data=b'{"a": 1}', content_type="text/plain")

    assert response.status_code == 415
    assert (
        "<p>Did not attempt to load JSON data because the request Content-Type was not "
        "&#39;application/json&#39;.</p>" in response.text
    )


def test_malformed_json_page_is_the_generic_bad_request(target, app, client):
    """Outside debug mode a malformed JSON body gets the generic 400 page, which quotes nothing from the body (Flask API: Request.on_json_loading_failed)."""
    _json_view(app, target)

    response = client.post("/json", data=b'{"<script>": 1', content_type="application/json")

    assert response.status_code == 400
    assert response.text == (
        "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n"
        "<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server "
        "could not understand.</p>\n"
    )


def test_json_property_on_a_malformed_body_is_400(target, app, client):
    """Reading ``request.json`` on a malformed ``application/json`` body answers 400 Bad Request (Flask API: Request.json)."""

    @app.route("/json", methods=["POST"])
    def read_json():
        return repr(target.request.json)

    response = client.post("/json", data=b"[1, 2", content_type="application/json")

    assert response.status_code == 400


def _strict_request_class(target, seen):
    class StrictRequest(target.Request):
        def on_json_loading_failed(self, e):
            seen.append(e)
            raise UnprocessableEntity("the body is not the JSON this API takes")

    return StrictRequest


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"{bad", "application/json"), (b'"\xff"', "application/json"), (b"{}", "text/plain")],
    ids=["malformed", "invalid-utf8", "wrong-content-type"],
)
def test_on_json_loading_failed_override_picks_the_error(target, app, client, body, content_type):
    """An ``on_json_loading_failed`` override on a ``Request`` subclass decides the error for malformed, undecodable and wrongly typed bodies alike (Flask API: Request.on_json_loading_failed)."""
    app.request_class = _strict_request_class(target, [])
    _json_view(app, target)

    response = client.post("/json", data=body, content_type=content_type)

    assert response.status_code == 422
    assert "<p>the body is not the JSON this API takes</p>" in response.text


def test_on_json_loading_failed_gets_the_decode_error_or_none(target, app, client):
    """``on_json_loading_failed`` receives a ``ValueError`` for a body that fails to decode and ``None`` for a body whose content type is not JSON (Flask API: Request.on_json_loading_failed)."""
    seen = []
    app.request_class = _strict_request_class(target, seen)
    _json_view(app, target)

    client.post("/json", data=b"{bad", content_type="application/json")
    client.post("/json", data=b'"\xff"', content_type="application/json")
    client.post("/json", data=b"{}", content_type="text/plain")

    assert [isinstance(error, ValueError) for error in seen[:2]] == [True, True]
    assert seen[2] is None
    assert len(seen) == 3


def test_silent_skips_the_on_json_loading_failed_override(target, app, client):
    """With ``silent=True`` a malformed body makes ``get_json`` return ``None`` without calling an ``on_json_loading_failed`` override (Flask API: Request.get_json)."""
    seen = []
    app.request_class = _strict_request_class(target, seen)
    _json_view(app, target)

    response = client.post("/json?silent=1", data=b"{bad", content_type="application/json")

    assert (response.status_code, response.text, seen) == (200, "None", [])
