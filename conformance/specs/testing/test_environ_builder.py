"""``flask.testing.EnvironBuilder``: an environ builder that takes defaults from the app."""

import json

import pytest

from conformance.support import cases


@pytest.mark.parametrize(("given", "expected"), cases("testing_environ_builder"))
def test_environ_builder_takes_defaults_from_the_app(target, app, given, expected):
    """``EnvironBuilder`` builds the base URL from ``PREFERRED_URL_SCHEME``, ``subdomain``, ``SERVER_NAME`` and ``APPLICATION_ROOT`` unless the path or ``base_url`` gives them (Flask API: flask.testing.EnvironBuilder)."""
    app.config.update(given["config"])
    builder = target.testing.EnvironBuilder(app, given["path"], **given["options"])
    try:
        environ = builder.get_environ()
    finally:
        builder.close()

    assert builder.base_url == expected.pop("base_url")
    assert {key: environ[key] for key in expected} == expected


@pytest.mark.parametrize(
    "options",
    [{"subdomain": "api"}, {"url_scheme": "https"}],
    ids=["subdomain", "url-scheme"],
)
def test_environ_builder_refuses_base_url_with_subdomain_or_scheme(target, app, options):
    """Passing ``subdomain`` or ``url_scheme`` together with ``base_url`` raises ``AssertionError`` (Flask API: flask.testing.EnvironBuilder)."""
    with pytest.raises(AssertionError, match="base_url"):
        target.testing.EnvironBuilder(app, "/", base_url="http://x.test/", **options)


@pytest.mark.parametrize(
    "options",
    [{"subdomain": "api"}, {"url_scheme": "https"}],
    ids=["subdomain", "url-scheme"],
)
def test_environ_builder_counts_an_empty_base_url_as_given(target, app, options):
    """An empty string ``base_url`` still counts as given: with ``subdomain`` or ``url_scheme`` it raises ``AssertionError`` too (Flask API: flask.testing.EnvironBuilder)."""
    with pytest.raises(AssertionError, match="base_url"):
        target.testing.EnvironBuilder(app, "/", base_url="", **options)


def test_environ_builder_json_sets_body_and_content_type(target, app):
    """The ``json`` argument serializes the value as the body and sets ``Content-Type: application/json`` (Flask API: flask.testing.EnvironBuilder)."""
    builder = target.testing.EnvironBuilder(app, "/", method="POST", json={"b": 1, "a": [1, 2]})
    try:
        environ = builder.get_environ()
        body = environ["wsgi.input"].read()
    finally:
        builder.close()

    assert environ["CONTENT_TYPE"] == "application/json"
    assert json.loads(body) == {"b": 1, "a": [1, 2]}
    assert int(environ["CONTENT_LENGTH"]) == len(body)


def test_environ_builder_json_dumps_uses_the_app_provider(target, app):
    """``EnvironBuilder.json_dumps`` serializes with ``app.json``, so the app's ``sort_keys`` setting shapes the body (Flask API: flask.testing.EnvironBuilder.json_dumps)."""
    builder = target.testing.EnvironBuilder(app, "/")
    sorted_text = builder.json_dumps({"z": 1, "a": 2})
    app.json.sort_keys = False
    unsorted_text = builder.json_dumps({"z": 1, "a": 2})
    builder.close()

    assert sorted_text.index('"a"') < sorted_text.index('"z"')
    assert unsorted_text.index('"z"') < unsorted_text.index('"a"')


def test_client_json_goes_through_the_app_provider(target, app, client):
    """A client request's ``json=`` body is serialized by the app's JSON provider (Flask API: flask.testing.EnvironBuilder.json_dumps)."""

    class Provider(target.json.provider.DefaultJSONProvider):
        def dumps(self, obj, **kwargs):
            return super().dumps({"wrapped": obj}, **kwargs)

    app.json = Provider(app)

    @app.route("/", methods=["POST"])
    def index():
        return target.request.get_data()

    assert json.loads(client.post("/", json=[1]).data) == {"wrapped": [1]}


def test_environ_builder_app_attribute(target, app):
    """An ``EnvironBuilder`` keeps the application it was built for as ``app`` (Flask API: flask.testing.EnvironBuilder)."""
    builder = target.testing.EnvironBuilder(app, "/")
    builder.close()

    assert builder.app is app
