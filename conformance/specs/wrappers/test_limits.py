"""``MAX_CONTENT_LENGTH``, ``MAX_FORM_MEMORY_SIZE``, ``MAX_FORM_PARTS`` and their per-request overrides."""

import pytest


def _form_view(app, target, **limits):
    @app.route("/form", methods=["POST"])
    def read_form():
        for name, value in limits.items():
            setattr(target.request, name, value)
        return str(sorted(target.request.form))

    @app.route("/body", methods=["POST"])
    def read_body():
        for name, value in limits.items():
            setattr(target.request, name, value)
        return str(len(target.request.get_data()))


@pytest.mark.parametrize(("size", "status"), [(10, 200), (11, 413)], ids=["at-limit", "over-limit"])
def test_max_content_length_config(target, app, client, size, status):
    """A body longer than ``MAX_CONTENT_LENGTH`` answers 413 Request Entity Too Large, a body of exactly that length is read (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _form_view(app, target)

    response = client.post("/body", data=b"x" * size)

    assert response.status_code == status


def test_max_content_length_applies_to_form_parsing(target, app, client):
    """A form body longer than ``MAX_CONTENT_LENGTH`` answers 413 when the view reads ``request.form`` (Flask docs: Configuration Handling)."""
    app.config["MAX_CONTENT_LENGTH"] = 10
    _form_view(app, target)

    assert client.post("/form", data={"a": "x" * 20}).status_code == 413
    assert client.post("/form", data={"a": "x"}).status_code == 200


def test_max_content_length_set_on_the_request(target, app, client):
    """Setting ``request.max_content_length`` in a view limits that request's body even when the config has no limit (Flask API: Request.max_content_length)."""
    _form_view(app, target, max_content_length=5)

    assert client.post("/body", data=b"x" * 6).status_code == 413
    assert client.post("/body", data=b"x" * 5).data == b"5"


def test_request_max_content_length_overrides_the_config(target, app, client):
    """A value set on ``request.max_content_length`` wins over a larger ``MAX_CONTENT_LENGTH`` (Flask API: Request.max_content_length)."""
    app.config["MAX_CONTENT_LENGTH"] = 1000
    _form_view(app, target, max_content_length=5)

    assert client.post("/body", data=b"x" * 20).status_code == 413


def test_max_form_memory_size_config(target, app, client):
    """A multipart form field longer than ``MAX_FORM_MEMORY_SIZE`` answers 413 (Flask API: Request.max_form_memory_size)."""
    # Multipart only: the documented limit is for multipart/form-data fields;
    # whether urlencoded bodies are held to it depends on the Werkzeug release.
    app.config["MAX_FORM_MEMORY_SIZE"] = 10
    _form_view(app, target)

    response = client.post("/form", data={"a": "x" * 20}, content_type="multipart/form-data")

    assert response.status_code == 413


def test_max_form_memory_size_set_on_the_request(target, app, client):
    """Setting ``request.max_form_memory_size`` in a view limits that request's form fields (Flask API: Request.max_form_memory_size)."""
    _form_view(app, target, max_form_memory_size=5)

    response = client.post("/form", data={"a": "x" * 20}, content_type="multipart/form-data")

    assert response.status_code == 413


def test_max_form_parts_config_limits_multipart(target, app, client):
    """A multipart body with more parts than ``MAX_FORM_PARTS`` answers 413 (Flask API: Request.max_form_parts)."""
    app.config["MAX_FORM_PARTS"] = 2
    _form_view(app, target)
    data = {"a": "1", "b": "2", "c": "3"}

    response = client.post("/form", data=data, content_type="multipart/form-data")

    assert response.status_code == 413


def test_max_form_parts_does_not_limit_urlencoded(target, app, client):
    """``MAX_FORM_PARTS`` counts multipart parts only, so a form-encoded body with more fields is parsed (Flask API: Request.max_form_parts)."""
    app.config["MAX_FORM_PARTS"] = 2
    _form_view(app, target)

    response = client.post("/form", data={"a": "1", "b": "2", "c": "3"})

    assert response.data == b"['a', 'b', 'c']"


def test_max_form_parts_set_on_the_request(target, app, client):
    """Setting ``request.max_form_parts`` in a view limits that request's multipart parts (Flask API: Request.max_form_parts)."""
    _form_view(app, target, max_form_parts=1)

    response = client.post("/form", data={"a": "1", "b": "2"}, content_type="multipart/form-data")

    assert response.status_code == 413


def test_limits_default_to_the_config(target, app):
    """In a request context the three limits read the config: no content length limit, 500 000 bytes per field and 1 000 parts (Flask docs: Configuration Handling)."""
    with app.test_request_context():
        request = target.request
        assert request.max_content_length is None
        assert request.max_form_memory_size == 500_000
        assert request.max_form_parts == 1_000


def test_limits_follow_changed_config(target, app):
    """The request limits reflect the current application's config values (Flask API: Request.max_form_parts)."""
    app.config.update(MAX_CONTENT_LENGTH=7, MAX_FORM_MEMORY_SIZE=8, MAX_FORM_PARTS=9)
    with app.test_request_context():
        request = target.request
        assert (
            request.max_content_length,
            request.max_form_memory_size,
            request.max_form_parts,
        ) == (7, 8, 9)


def test_limits_outside_an_app_context_use_werkzeug_defaults(target, app):
    """A ``Request`` built outside an application context uses Werkzeug's defaults for the limits, ignoring any app config (Flask API: Request.max_content_length)."""
    app.config.update(MAX_CONTENT_LENGTH=7, MAX_FORM_MEMORY_SIZE=8, MAX_FORM_PARTS=9)
    request = target.Request.from_values("/")

    assert request.max_content_length is None
    assert request.max_form_memory_size == 500_000
    assert request.max_form_parts == 1_000
