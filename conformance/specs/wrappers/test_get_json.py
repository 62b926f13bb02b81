"""``request.get_json``, ``request.json``, ``request.is_json`` and JSON decoding errors."""

import pytest
from werkzeug.exceptions import BadRequest

from conformance.support import cases


def _json_view(app, target, **options):
    @app.route("/json", methods=["POST"])
    def read_json():
        return {"value": target.request.get_json(**options)}


@pytest.mark.parametrize(("given", "expected"), cases("wrappers_get_json"))
def test_get_json_by_content_type_and_options(target, app, client, given, expected):
    """``request.get_json`` decodes JSON bodies, answers 415 for a non-JSON content type and 400 for bad JSON, unless ``silent`` or ``force`` says otherwise (Flask API: Request.get_json)."""
    _json_view(app, target, **given["options"])

    response = client.post("/json", data=given["body"], content_type=given["content_type"])

    assert response.status_code == expected["status"]
    if "value" in expected:
        assert response.get_json() == {"value": expected["value"]}


def test_json_property_decodes_the_body(target, app, client):
    """The ``request.json`` property returns the decoded JSON body (Flask API: Request.json)."""

    @app.route("/json", methods=["POST"])
    def read_json():
        return {"value": target.request.json}

    response = client.post("/json", json={"k": [1, "two"]})

    assert response.get_json() == {"value": {"k": [1, "two"]}}


def test_json_property_with_a_wrong_content_type_is_415(target, app, client):
    """Reading ``request.json`` on a request whose content type is not JSON answers 415 Unsupported Media Type (Flask API: Request.json)."""

    @app.route("/json", methods=["POST"])
    def read_json():
        return {"value": target.request.json}

    response = client.post("/json", data="{}", content_type="text/plain")

    assert response.status_code == 415


def test_invalid_json_error_hides_the_decoder_message_outside_debug(target, app, client):
    """Outside debug mode, the 400 for an undecodable JSON body carries the generic Bad Request description, not the decoder's message (Flask API: Request.on_json_loading_failed)."""
    _json_view(app, target)

    response = client.post("/json", data="{bad", content_type="application/json")

    assert response.status_code == 400
    assert b"Failed to decode JSON object" not in response.data
    assert BadRequest.description.encode() in response.data


def test_invalid_json_error_shows_the_decoder_message_in_debug(target, app, client):
    """In debug mode, the 400 for an undecodable JSON body describes the decoding failure (Flask API: Request.on_json_loading_failed)."""
    _json_view(app, target)
    app.debug = True

    response = client.post("/json", data="{bad", content_type="application/json")

    assert response.status_code == 400
    assert b"Failed to decode JSON object" in response.data


def test_invalid_json_error_chains_the_original_bad_request(target, app):
    """Outside debug mode, ``get_json`` raises a fresh ``BadRequest`` whose ``__cause__`` is the decoding ``BadRequest`` (Flask API: Request.on_json_loading_failed)."""
    with app.test_request_context(method="POST", data="{bad", content_type="application/json"):
        with pytest.raises(BadRequest) as raised:
            target.request.get_json()

    assert isinstance(raised.value.__cause__, BadRequest)
    assert "Failed to decode JSON object" in raised.value.__cause__.description
    assert "Failed to decode JSON object" not in raised.value.description


def test_get_json_caches_the_decoded_value(target, app):
    """Repeated ``get_json()`` calls return the same decoded object, while ``cache=False`` decodes a new one (Flask API: Request.get_json)."""
    with app.test_request_context(method="POST", json={"a": [1]}):
        first = target.request.get_json()
        again = target.request.get_json()
        fresh = target.request.get_json(cache=False)

    assert again is first
    assert fresh == first
    assert fresh is not first


def test_get_json_uses_the_app_json_provider(target, app):
    """``request.get_json`` decodes the body with the application's JSON provider (Flask API: Request.get_json)."""

    class Provider(target.json.provider.DefaultJSONProvider):
        def loads(self, s, **kwargs):
            value = super().loads(s, **kwargs)
            value["via"] = "provider"
            return value

    app.json = Provider(app)

    with app.test_request_context(method="POST", json={"a": 1}):
        value = target.request.get_json()

    assert value == {"a": 1, "via": "provider"}


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json", True),
        ("application/problem+json", True),
        ("text/plain", False),
        ("application/x-www-form-urlencoded", False),
    ],
)
def test_is_json_follows_the_mimetype(target, app, content_type, expected):
    """``request.is_json`` is true for ``application/json`` and ``application/*+json`` content types only (Flask API: Request.is_json)."""
    with app.test_request_context(method="POST", data="{}", content_type=content_type):
        assert target.request.is_json is expected


def test_custom_request_class_handles_invalid_json(target, app, client):
    """An ``on_json_loading_failed`` override on ``app.request_class`` supplies the value ``get_json`` returns for an undecodable body (Flask API: Request.on_json_loading_failed)."""

    class Lenient(target.Request):
        def on_json_loading_failed(self, e):
            return {"fallback": type(e).__name__}

    app.request_class = Lenient
    _json_view(app, target)

    response = client.post("/json", data="{bad", content_type="application/json")

    assert response.status_code == 200
    assert response.get_json() == {"value": {"fallback": "JSONDecodeError"}}


def test_custom_on_json_loading_failed_gets_none_for_a_wrong_content_type(target, app, client):
    """For a non-JSON content type, ``get_json`` calls ``on_json_loading_failed`` with ``None`` and returns its result (Flask API: Request.on_json_loading_failed)."""
    seen = []

    class Lenient(target.Request):
        def on_json_loading_failed(self, e):
            seen.append(e)
            return "not json"

    app.request_class = Lenient
    _json_view(app, target)

    response = client.post("/json", data="x", content_type="text/plain")

    assert response.get_json() == {"value": "not json"}
    assert seen == [None]
