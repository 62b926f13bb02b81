"""Endpoints: their names, ``add_url_rule``, ``@app.endpoint`` and the method shortcuts."""

import pytest


def test_endpoint_defaults_to_the_view_function_name(target, app):
    """A rule registered with ``app.route`` and no ``endpoint`` is named after the view function (Flask API: Flask.add_url_rule)."""

    @app.route("/about-us")
    def about_page():
        return ""

    assert app.view_functions["about_page"] is about_page
    with app.test_request_context():
        assert target.url_for("about_page") == "/about-us"


def test_explicit_endpoint_names_the_rule(target, app, client):
    """The ``endpoint`` option names the rule, and the request exposes it as ``request.endpoint`` (Flask API: Flask.add_url_rule)."""

    @app.route("/contact", endpoint="contact_form")
    def view():
        return target.request.endpoint

    assert client.get("/contact").data == b"contact_form"
    assert "view" not in app.view_functions
    with app.test_request_context():
        assert target.url_for("contact_form") == "/contact"


def test_request_exposes_matched_rule_and_view_args(target, app, client):
    """During a request ``request.url_rule`` is the matched rule and ``request.view_args`` the converted values (Flask API: Request.url_rule)."""

    @app.route("/files/<name>.txt")
    def text_file(name):
        return {
            "rule": target.request.url_rule.rule,
            "view_args": target.request.view_args,
        }

    assert client.get("/files/notes.v2.txt").get_json() == {
        "rule": "/files/<name>.txt",
        "view_args": {"name": "notes.v2"},
    }


def test_mapping_another_function_to_an_endpoint_raises(app):
    """Registering a different view function under an endpoint already in use raises ``AssertionError`` (Flask API: Flask.add_url_rule)."""

    @app.route("/a")
    def index():
        return "a"

    def other():
        return "b"

    with pytest.raises(AssertionError):
        app.add_url_rule("/b", "index", other)


def test_same_function_can_serve_several_rules(app, client):
    """Stacking ``app.route`` decorators registers one view for several URLs under the same endpoint (Flask API: Flask.route)."""

    @app.route("/")
    @app.route("/home")
    def home():
        return "home"

    assert client.get("/").data == b"home"
    assert client.get("/home").data == b"home"
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint == "home"}
    assert rules == {"/", "/home"}


def test_route_decorator_returns_the_function_unchanged(app):
    """The ``app.route`` decorator returns the decorated function itself (Flask API: Flask.route)."""

    def view():
        return ""

    assert app.route("/v")(view) is view


def test_add_url_rule_with_view_func_registers_the_view(app, client):
    """Calling ``add_url_rule(rule, view_func=...)`` registers the function under its own name, like ``app.route`` (Flask API: Flask.add_url_rule)."""

    def listing():
        return "listing"

    app.add_url_rule("/listing", view_func=listing)

    assert client.get("/listing").data == b"listing"
    assert app.view_functions["listing"] is listing


def test_add_url_rule_without_view_func_is_completed_by_endpoint_decorator(app, client):
    """A rule added with only an endpoint name is served by the function later registered with ``@app.endpoint`` (Flask API: Flask.endpoint)."""
    app.add_url_rule("/later", "later_view")

    @app.endpoint("later_view")
    def later():
        return "later"

    assert client.get("/later").data == b"later"
    assert app.view_functions["later_view"] is later


def test_endpoint_decorator_returns_the_function_unchanged(app):
    """The ``@app.endpoint`` decorator registers the function in ``app.view_functions`` and returns it unchanged (Flask API: Flask.endpoint)."""

    def handler():
        return ""

    assert app.endpoint("named")(handler) is handler
    assert app.view_functions["named"] is handler


def test_method_shortcuts_register_one_method_each(target, app, client):
    """The ``get``, ``post``, ``put``, ``delete`` and ``patch`` decorators each register a rule for their method only (Flask API: Flask.get)."""

    def answer():
        return f"{target.request.endpoint} {target.request.method}"

    for method in ("get", "post", "put", "delete", "patch"):
        view = lambda: answer()  # noqa: E731
        getattr(app, method)("/item", endpoint=f"item_{method}")(view)

    for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
        response = client.open("/item", method=method)
        assert response.data == f"item_{method.lower()} {method}".encode()


def test_method_shortcut_refuses_a_methods_argument(app):
    """The method shortcuts such as ``app.get`` raise ``TypeError`` when given ``methods`` (Flask API: Flask.get)."""
    with pytest.raises(TypeError):

        @app.get("/x", methods=["POST"])
        def view():
            return ""


def test_adding_a_rule_after_the_first_request_raises(app, client):
    """Registering a route after the application handled its first request raises ``AssertionError`` (Flask API: Flask.route)."""

    @app.route("/first")
    def first():
        return "first"

    client.get("/first")

    with pytest.raises(AssertionError):

        @app.route("/second")
        def second():
            return "second"
