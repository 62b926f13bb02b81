"""HTTP methods of rules: ``methods``, automatic HEAD and OPTIONS, 405 responses."""

import pytest


def _allowed(response):
    return {method.strip() for method in response.headers["Allow"].split(",")}


def test_rule_answers_only_get_by_default(app, client):
    """A rule registered without ``methods`` answers GET and refuses POST with 405 (Flask API: Flask.route)."""

    @app.route("/page")
    def page():
        return "page"

    assert client.get("/page").data == b"page"
    assert client.post("/page").status_code == 405


def test_methods_list_routes_each_method_to_the_view(target, app, client):
    """Every method in a rule's ``methods`` list reaches the view, which reads it from ``request.method`` (Flask API: Flask.route)."""

    @app.route("/thing", methods=["POST", "PUT", "DELETE"])
    def thing():
        return target.request.method

    assert client.post("/thing").data == b"POST"
    assert client.put("/thing").data == b"PUT"
    assert client.delete("/thing").data == b"DELETE"
    assert client.get("/thing").status_code == 405


def test_methods_given_in_lower_case_are_upper_cased(target, app, client):
    """Methods given in lower case, as in ``methods=["post"]``, match the upper-case HTTP method (Flask API: Flask.add_url_rule)."""

    @app.route("/form", methods=["get", "post"])
    def form():
        return target.request.method

    assert client.post("/form").data == b"POST"
    assert client.get("/form").data == b"GET"


def test_methods_given_as_a_string_raise_type_error(app):
    """Passing ``methods`` as a single string instead of a list raises ``TypeError`` (Flask API: Flask.add_url_rule)."""
    with pytest.raises(TypeError):

        @app.route("/form", methods="POST")
        def form():
            return ""


def test_405_response_lists_allowed_methods(app, client):
    """A request whose path matches but whose method does not gets 405 with an ``Allow`` header naming the rule's methods (Flask docs: Routing)."""

    @app.route("/submit", methods=["POST", "PUT"])
    def submit():
        return ""

    response = client.get("/submit")
    assert response.status_code == 405
    assert _allowed(response) == {"POST", "PUT", "OPTIONS"}


def test_405_allow_header_merges_rules_on_the_same_path(app, client):
    """When several rules share a path, the 405 ``Allow`` header lists the methods of all of them (Flask docs: Routing)."""

    @app.get("/res")
    def read():
        return ""

    @app.post("/res")
    def create():
        return ""

    response = client.delete("/res")
    assert response.status_code == 405
    assert _allowed(response) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_head_is_answered_for_get_rules_without_a_body(app, client):
    """A GET rule also answers HEAD, with the GET headers (including ``Content-Length``) and an empty body (Flask docs: HTTP Methods)."""

    @app.route("/doc")
    def doc():
        return "eight ch"

    get = client.get("/doc")
    head = client.head("/doc")
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"] == "8"


def test_head_is_not_added_to_rules_without_get(app, client):
    """A rule without GET does not answer HEAD, which gets 405 (Flask docs: HTTP Methods)."""

    @app.post("/only-post")
    def only_post():
        return ""

    response = client.head("/only-post")
    assert response.status_code == 405
    assert "HEAD" not in _allowed(response)


def test_options_is_answered_automatically_without_calling_the_view(app, client):
    """OPTIONS gets an automatic 200 with an empty body and an ``Allow`` header of the rule's methods, without calling the view (Flask docs: HTTP Methods)."""
    calls = []

    @app.route("/auto", methods=["GET", "POST"])
    def auto():
        calls.append("view")
        return "body"

    response = client.options("/auto")
    assert response.status_code == 200
    assert response.data == b""
    assert _allowed(response) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert calls == []


def test_provide_automatic_options_false_disables_options(app, client):
    """With ``provide_automatic_options=False`` a rule gets no automatic OPTIONS and the method is refused with 405 (Flask API: Flask.add_url_rule)."""

    @app.route("/no-options", provide_automatic_options=False)
    def no_options():
        return "ok"

    response = client.options("/no-options")
    assert response.status_code == 405
    assert "OPTIONS" not in _allowed(response)
    assert client.get("/no-options").data == b"ok"


def test_view_attribute_provide_automatic_options_disables_options(app, client):
    """A view function whose ``provide_automatic_options`` attribute is ``False`` gets no automatic OPTIONS (Flask API: Flask.add_url_rule)."""

    def plain():
        return "ok"

    plain.provide_automatic_options = False
    app.add_url_rule("/plain", view_func=plain)

    assert client.options("/plain").status_code == 405


def test_provide_automatic_options_config_disables_options(app, client):
    """With ``PROVIDE_AUTOMATIC_OPTIONS`` set to ``False`` rules added afterwards get no automatic OPTIONS (Flask API: Configuration Handling)."""
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False

    @app.route("/cfg")
    def cfg():
        return "ok"

    assert client.options("/cfg").status_code == 405


def test_explicit_options_method_reaches_the_view(target, app, client):
    """When ``OPTIONS`` is in a rule's methods the view handles OPTIONS requests itself (Flask API: Flask.add_url_rule)."""

    @app.route("/own", methods=["GET", "OPTIONS"])
    def own():
        return f"own {target.request.method}"

    response = client.options("/own")
    assert response.status_code == 200
    assert response.data == b"own OPTIONS"


def test_view_function_methods_attribute_is_used(target, app, client):
    """A view function's ``methods`` attribute gives the rule's methods when ``methods`` is not passed (Flask API: Flask.add_url_rule)."""

    def create():
        return target.request.method

    create.methods = ["POST"]
    app.add_url_rule("/create", view_func=create)

    assert client.post("/create").data == b"POST"
    assert client.get("/create").status_code == 405
