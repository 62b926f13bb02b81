"""What built-in configuration keys change in request handling."""

import datetime
import logging
import warnings

import pytest
from werkzeug.exceptions import BadRequest, NotFound

from conformance.paths import APPS_DIR

CONFIG_APP = APPS_DIR / "config"


def _form_app(target, **config):
    app = target.Flask("conformance_config_form", root_path=str(CONFIG_APP))
    app.config.update(config)

    @app.post("/form")
    def form():
        return str(sorted(target.request.form.items()))

    @app.post("/key")
    def key():
        return target.request.form["missing"]

    @app.post("/data")
    def data():
        return target.request.get_data()

    return app


def test_max_content_length_rejects_larger_bodies(target):
    """A request body longer than ``MAX_CONTENT_LENGTH`` gets a 413 response (Flask docs: Builtin Configuration Values)."""
    client = _form_app(target, MAX_CONTENT_LENGTH=5).test_client()

    assert client.post("/data", data=b"0123456789").status_code == 413
    assert client.post("/data", data=b"01234").data == b"01234"


def test_max_content_length_is_exposed_on_the_request(target):
    """``request.max_content_length`` reads ``MAX_CONTENT_LENGTH`` from the current app (Flask API: Request.max_content_length)."""
    app = _form_app(target, MAX_CONTENT_LENGTH=123)

    with app.test_request_context():
        assert target.request.max_content_length == 123


def test_max_form_memory_size_rejects_large_fields(target):
    """A multipart form field larger than ``MAX_FORM_MEMORY_SIZE`` gets a 413 response (Flask docs: Builtin Configuration Values)."""
    client = _form_app(target, MAX_FORM_MEMORY_SIZE=1000).test_client()
    multipart = "multipart/form-data"

    assert client.post("/form", data={"a": "x" * 5000}, content_type=multipart).status_code == 413
    assert client.post("/form", data={"a": "x" * 5}, content_type=multipart).status_code == 200


def test_max_form_parts_rejects_many_fields(target):
    """A multipart form with more parts than ``MAX_FORM_PARTS`` gets a 413 response (Flask docs: Builtin Configuration Values)."""
    client = _form_app(target, MAX_FORM_PARTS=2).test_client()
    fields = {"a": "1", "b": "2", "c": "3"}

    response = client.post("/form", data=fields, content_type="multipart/form-data")

    assert response.status_code == 413


def test_trusted_hosts_rejects_other_hosts(target):
    """With ``TRUSTED_HOSTS`` set, a request for another host gets a 400 response (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_trusted")
    app.config["TRUSTED_HOSTS"] = ["good.example"]

    @app.get("/")
    def index():
        return target.request.host

    client = app.test_client()
    assert client.get("/", base_url="http://good.example").data == b"good.example"
    assert client.get("/", base_url="http://evil.example").status_code == 400


def test_missing_form_key_is_a_400_by_default(target):
    """Reading a missing key of ``request.form`` gives a 400 response when not in debug mode (Flask docs: Builtin Configuration Values)."""
    client = _form_app(target, TESTING=True).test_client()

    assert client.post("/key", data={"a": "1"}).status_code == 400


@pytest.mark.parametrize(
    "config",
    [{"TRAP_BAD_REQUEST_ERRORS": True}, {"DEBUG": True}],
    ids=["trap-bad-request-errors", "debug"],
)
def test_bad_request_key_errors_are_trapped(target, config):
    """With ``TRAP_BAD_REQUEST_ERRORS`` on, or unset in debug mode, a missing form key raises out of the test client (Flask docs: Builtin Configuration Values)."""
    client = _form_app(target, TESTING=True, **config).test_client()

    with pytest.raises(KeyError) as info:
        client.post("/key", data={"a": "1"})

    assert isinstance(info.value, BadRequest)


def test_trap_bad_request_errors_false_wins_over_debug(target):
    """``TRAP_BAD_REQUEST_ERRORS=False`` keeps key errors as 400 responses even in debug mode (Flask docs: Builtin Configuration Values)."""
    client = _form_app(
        target, TESTING=True, DEBUG=True, TRAP_BAD_REQUEST_ERRORS=False
    ).test_client()

    assert client.post("/key", data={"a": "1"}).status_code == 400


def test_trap_http_exceptions_reraises_http_errors(target):
    """With ``TRAP_HTTP_EXCEPTIONS`` on, an ``abort(404)`` in a view raises ``NotFound`` out of the test client (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_trap_http")
    app.config.update(TESTING=True, TRAP_HTTP_EXCEPTIONS=True)

    @app.get("/")
    def index():
        target.abort(404)

    with pytest.raises(NotFound):
        app.test_client().get("/")


def test_max_cookie_size_warns_about_large_cookies(target):
    """Setting a cookie larger than ``MAX_COOKIE_SIZE`` emits a warning (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_cookie_size")
    app.config["MAX_COOKIE_SIZE"] = 20

    @app.get("/")
    def index():
        response = target.make_response("x")
        response.set_cookie("k", "v" * 40)
        return response

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.test_client().get("/")

    assert any("too large" in str(warning.message) for warning in caught)


def test_response_max_cookie_size_reads_the_config(target):
    """``Response.max_cookie_size`` is ``MAX_COOKIE_SIZE`` of the current app, and Werkzeug's 4093 outside an app context (Flask API: Response.max_cookie_size)."""
    app = target.Flask("conformance_config_cookie_size_attr")
    app.config["MAX_COOKIE_SIZE"] = 77

    with app.app_context():
        assert target.Response().max_cookie_size == 77
    assert target.Response().max_cookie_size == 4093


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "no-cache"),
        (60, "public, max-age=60"),
        (datetime.timedelta(minutes=2), "public, max-age=120"),
    ],
    ids=["unset", "seconds", "timedelta"],
)
def test_send_file_max_age_default_sets_static_cache_control(target, value, expected):
    """``SEND_FILE_MAX_AGE_DEFAULT`` (seconds or ``timedelta``) sets the static files' ``Cache-Control``, which is ``no-cache`` when unset (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_max_age", root_path=str(CONFIG_APP))
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = value

    response = app.test_client().get("/static/hello.txt")
    response.close()

    assert response.headers["Cache-Control"] == expected


def test_use_x_sendfile_hands_files_to_the_server(target):
    """With ``USE_X_SENDFILE`` on, a static file response carries an ``X-Sendfile`` header with the file path and an empty body (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_x_sendfile", root_path=str(CONFIG_APP))
    app.config["USE_X_SENDFILE"] = True

    response = app.test_client().get("/static/hello.txt")

    assert response.headers["X-Sendfile"] == str(CONFIG_APP / "static" / "hello.txt")
    assert response.data == b""


def test_static_files_are_sent_without_x_sendfile_by_default(target):
    """Without ``USE_X_SENDFILE`` a static file response carries the file contents and no ``X-Sendfile`` header (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_no_x_sendfile", root_path=str(CONFIG_APP))

    response = app.test_client().get("/static/hello.txt")

    assert response.data == b"static file\n"
    assert "X-Sendfile" not in response.headers
    response.close()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"TEMPLATES_AUTO_RELOAD": True}, True),
        ({"TEMPLATES_AUTO_RELOAD": False, "DEBUG": True}, False),
        ({"TEMPLATES_AUTO_RELOAD": None, "DEBUG": True}, True),
        ({"TEMPLATES_AUTO_RELOAD": None, "DEBUG": False}, False),
    ],
    ids=["on", "off-in-debug", "unset-in-debug", "unset"],
)
def test_templates_auto_reload_sets_the_jinja_environment(target, config, expected):
    """The Jinja environment reloads changed templates when ``TEMPLATES_AUTO_RELOAD`` is on, or unset in debug mode (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_auto_reload", root_path=str(CONFIG_APP))
    app.config.update(config)

    assert app.jinja_env.auto_reload is expected


def test_preferred_url_scheme_and_application_root_outside_requests(target):
    """Outside a request, external URLs use ``PREFERRED_URL_SCHEME``, ``SERVER_NAME`` and ``APPLICATION_ROOT`` (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_url_scheme")
    app.config.update(
        SERVER_NAME="example.com", PREFERRED_URL_SCHEME="https", APPLICATION_ROOT="/sub"
    )

    @app.get("/page")
    def page():
        return ""

    with app.app_context():
        assert target.url_for("page", _external=True) == "https://example.com/sub/page"


def test_request_urls_follow_the_request_scheme(target):
    """Inside a request, external URLs use the request's own scheme rather than ``PREFERRED_URL_SCHEME`` (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_url_scheme_request")
    app.config["PREFERRED_URL_SCHEME"] = "https"

    @app.get("/page")
    def page():
        return target.url_for("page", _external=True)

    response = app.test_client().get("/page", base_url="http://localhost")

    assert response.data == b"http://localhost/page"


def test_test_client_uses_preferred_url_scheme(target):
    """The test client builds requests with the ``PREFERRED_URL_SCHEME`` scheme when no base URL is given (Flask API: FlaskClient)."""
    app = target.Flask("conformance_config_url_scheme_client")
    app.config["PREFERRED_URL_SCHEME"] = "https"

    @app.get("/scheme")
    def scheme():
        return target.request.scheme

    assert app.test_client().get("/scheme").data == b"https"


def test_provide_automatic_options_false_disables_options(target):
    """With ``PROVIDE_AUTOMATIC_OPTIONS`` off, routes added afterwards answer ``OPTIONS`` with 405 (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_options")
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False

    @app.get("/")
    def index():
        return ""

    assert app.test_client().options("/").status_code == 405


def test_explain_template_loading_logs_the_attempts(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING`` on, rendering a template logs an info record describing where it was looked for (Flask docs: Builtin Configuration Values)."""
    app = target.Flask("conformance_config_explain", root_path=str(CONFIG_APP))
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    caplog.set_level(logging.INFO, logger=app.name)

    with app.app_context():
        assert target.render_template("hello.html", name="x") == "Hello x!"

    messages = [r.getMessage() for r in caplog.records if r.name == app.name]
    assert any("Locating template 'hello.html'" in message for message in messages)
