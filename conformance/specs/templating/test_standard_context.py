"""The standard context: ``config``, ``request``, ``session``, ``g``, ``url_for``, flashed messages."""

import pytest

from ._apps import templating_app


def _serve(target, app, source, path="/"):
    @app.route("/")
    @app.route("/page/<name>")
    def page(name=None):
        target.g.who = "gee"
        return target.render_template_string(source)

    return target.make_client(app).get(path)


def test_config_is_available(target):
    """Templates see the application's ``config`` as ``config`` (Flask docs: Standard Context)."""
    app = templating_app(target)
    app.config["NAME"] = "configured"
    with app.app_context():
        assert target.render_template_string("{{ config.NAME }}") == "configured"


def test_request_is_available(target):
    """Templates rendered during a request see the current ``request`` (Flask docs: Standard Context)."""
    response = _serve(
        target, templating_app(target), "{{ request.path }}?{{ request.args.q }}", "/?q=1"
    )

    assert response.data == b"/?1"


def test_session_is_available(target):
    """Templates rendered during a request see the ``session`` and reading it there marks it accessed (Flask docs: Standard Context)."""
    app = templating_app(target)

    @app.route("/set")
    def set_value():
        target.session["s"] = "stored"
        return ""

    response = _serve(target, app, "{{ session.s }}")
    assert response.data == b""
    client = target.make_client(app)
    client.get("/set")
    response = client.get("/")

    assert response.data == b"stored"
    assert "Cookie" in response.headers.get("Vary", "")


def test_g_is_available(target):
    """Templates see the ``g`` of the current application context (Flask docs: Standard Context)."""
    assert _serve(target, templating_app(target), "{{ g.who }}").data == b"gee"


def test_g_is_available_with_only_an_app_context(target):
    """Templates rendered with only an application context pushed still see ``g`` (Flask docs: Standard Context)."""
    app = templating_app(target)
    with app.app_context():
        target.g.who = "app-only"
        assert target.render_template_string("{{ g.who }}") == "app-only"


def test_url_for_is_available(target):
    """Templates call ``url_for`` to build URLs, relative by default and absolute with ``_external`` (Flask docs: Standard Context)."""
    source = "{{ url_for('page', name='x y') }} {{ url_for('page', name='z', _external=True) }}"

    response = _serve(target, templating_app(target), source)

    assert response.data == b"/page/x%20y http://localhost/page/z"


def test_url_for_with_only_an_app_context_uses_server_name(target):
    """In a template rendered with only an application context, ``url_for`` builds absolute URLs from ``SERVER_NAME`` (Flask API: Flask.url_for)."""
    app = templating_app(target)
    app.config["SERVER_NAME"] = "example.test"
    app.add_url_rule("/page/<name>", "page", lambda name: name)

    with app.app_context():
        assert target.render_template_string("{{ url_for('page', name='a') }}") == (
            "http://example.test/page/a"
        )


def test_get_flashed_messages_is_available(target):
    """Templates call ``get_flashed_messages`` to read the messages flashed in the previous request (Flask docs: Standard Context)."""
    app = templating_app(target)

    @app.route("/flash")
    def flash_view():
        target.flash("saved")
        target.flash("careful", "warning")
        return ""

    source = "{{ get_flashed_messages() }}|{{ get_flashed_messages(with_categories=true) }}"
    app.add_url_rule("/", "show", lambda: target.render_template_string(source))
    client = target.make_client(app)
    client.get("/flash")

    assert client.get("/").data.decode() == (
        "[&#39;saved&#39;, &#39;careful&#39;]|"
        "[(&#39;message&#39;, &#39;saved&#39;), (&#39;warning&#39;, &#39;careful&#39;)]"
    )
    assert client.get("/").data == b"[]|[]"


def test_imported_macros_see_the_standard_context(target):
    """Macros of a template imported without context still see ``request``, ``session``, ``g`` and ``config``, which are also environment globals (Flask docs: Standard Context)."""
    app = templating_app(target)
    app.config["NAME"] = "cfg"

    @app.route("/here")
    def here():
        target.g.who = "gee"
        return target.render_template("imports.html")

    assert target.make_client(app).get("/here").data == b"/here gee None cfg"


@pytest.mark.parametrize(
    "name", ["url_for", "get_flashed_messages", "config", "request", "session", "g"]
)
def test_standard_names_are_environment_globals(target, name):
    """``url_for``, ``get_flashed_messages``, ``config``, ``request``, ``session`` and ``g`` are globals of the app's Jinja environment (Flask docs: Standard Context)."""
    assert name in templating_app(target).jinja_env.globals


def test_render_arguments_hide_standard_names(target):
    """A variable passed to ``render_template_string`` named like a standard context value is the one the template sees (Flask API: Flask.update_template_context)."""
    app = templating_app(target)
    with app.test_request_context("/real"):
        assert target.render_template_string("{{ request }}", request="given") == "given"


def test_get_flashed_messages_category_filter(target):
    """In templates ``get_flashed_messages(category_filter=[...])`` returns only the messages of the listed categories (Flask API: get_flashed_messages)."""
    app = templating_app(target)

    @app.route("/flash")
    def flash_view():
        target.flash("info text", "info")
        target.flash("error text", "error")
        target.flash("other text")
        return ""

    source = "{{ get_flashed_messages(category_filter=['error', 'info'])|join(',') }}"
    app.add_url_rule("/", "show", lambda: target.render_template_string(source))
    client = target.make_client(app)
    client.get("/flash")

    assert client.get("/").data == b"info text,error text"
