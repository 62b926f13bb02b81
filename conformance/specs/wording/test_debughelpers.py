"""Flask's debug-mode explanations: missing file uploads, redirects that drop form data, template lookups."""

import logging

import pytest
from jinja2 import DictLoader, FileSystemLoader, TemplateNotFound
from werkzeug.routing import RequestRedirect


def test_debug_files_key_error_message(app, client, target):
    """In debug mode, reading ``request.files`` for a name sent as a plain form field raises an error whose text is exactly Flask's explanation listing the submitted values (Flask API: flask.debughelpers.DebugFilesKeyError)."""
    app.debug = True

    @app.post("/upload")
    def upload():
        return target.request.files["document"].filename

    with pytest.raises(KeyError) as raised:
        client.post("/upload", data={"document": ["a.txt", "b.txt"]})
    assert str(raised.value) == (
        "You tried to access the file 'document' in the request.files dictionary but it does not"
        " exist. The mimetype for the request is 'application/x-www-form-urlencoded' instead of"
        " 'multipart/form-data' which means that no file contents were transmitted. To fix this"
        ' error you should provide enctype="multipart/form-data" in your form.\n\nThe browser'
        " instead transmitted some file names. This was submitted: 'a.txt', 'b.txt'"
    )


@pytest.fixture
def moved_permanently(monkeypatch):
    """Make Werkzeug's routing redirects use 301, a code browsers follow with a GET."""
    monkeypatch.setattr(RequestRedirect, "code", 301)


def test_form_redirect_to_a_trailing_slash_message(app, client, moved_permanently):
    """In debug mode, a POST redirected to the URL with a trailing slash raises an AssertionError whose text is exactly Flask's explanation, with the trailing-slash sentence (Flask API: flask.debughelpers.FormDataRoutingRedirect)."""
    app.debug = True
    app.add_url_rule("/form/", "form", lambda: "posted", methods=["POST"])

    with pytest.raises(AssertionError) as raised:
        client.post("/form?step=2", data={"name": "ada"})
    assert str(raised.value) == (
        "A request was sent to 'http://localhost/form?step=2', but routing issued a redirect to"
        " the canonical URL 'http://localhost/form/?step=2'. The URL was defined with a trailing"
        " slash. Flask will redirect to the URL with a trailing slash if it was accessed without"
        " one. Send requests to the canonical URL, or use 307 or 308 for routing redirects."
        " Otherwise, browsers will drop form data.\n\nThis exception is only raised in debug mode."
    )


def test_form_redirect_elsewhere_message(app, client, moved_permanently):
    """In debug mode, a POST to a rule with ``redirect_to`` raises an AssertionError whose text is exactly Flask's explanation without the trailing-slash sentence (Flask API: flask.debughelpers.FormDataRoutingRedirect)."""
    app.debug = True
    app.add_url_rule("/old", "old", redirect_to="/new", methods=["POST"])
    app.add_url_rule("/new", "new", lambda: "posted", methods=["POST"])

    with pytest.raises(AssertionError) as raised:
        client.post("/old", data={"name": "ada"})
    assert str(raised.value) == (
        "A request was sent to 'http://localhost/old', but routing issued a redirect to the"
        " canonical URL 'http://localhost/new'. Send requests to the canonical URL, or use 307 or"
        " 308 for routing redirects. Otherwise, browsers will drop form data.\n\nThis exception is"
        " only raised in debug mode."
    )


def _explaining(target, name):
    app = target.Flask(name)
    app.config.update(EXPLAIN_TEMPLATE_LOADING=True, TESTING=True)
    return app


def _explanations(caplog, app):
    return [r.getMessage() for r in caplog.records if r.name == app.logger.name]


@pytest.mark.requires("templating")
def test_explanation_of_a_template_missing_in_a_blueprint_request(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING``, a template no loader finds during a blueprint's request is logged as exactly Flask's report: each loader, the error line and the three lines of blueprint advice (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining(target, "conformance_wording_explain_missing")
    app.jinja_loader = DictLoader({})
    shop = target.Blueprint("shop", "conformance_wording_shop")
    shop.jinja_loader = DictLoader({})
    shop.add_url_rule("/", "index", lambda: target.render_template("cart.html"))
    app.register_blueprint(shop, url_prefix="/shop")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with pytest.raises(TemplateNotFound):
        app.test_client().get("/shop/")

    assert _explanations(caplog, app) == [
        "Locating template 'cart.html':\n"
        "    1: trying loader of application 'conformance_wording_explain_missing'\n"
        "       class: jinja2.loaders.DictLoader\n"
        "       -> no match\n"
        "    2: trying loader of blueprint 'shop' (conformance_wording_shop)\n"
        "       class: jinja2.loaders.DictLoader\n"
        "       -> no match\n"
        "Error: the template could not be found.\n"
        "  The template was looked up from an endpoint that belongs to the blueprint 'shop'.\n"
        "  Maybe you did not place a template in the right folder?\n"
        "  See https://flask.palletsprojects.com/blueprints/#templates"
    ]


@pytest.mark.requires("templating")
def test_explanation_of_a_template_found_twice(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING``, a template two loaders find outside a request is logged as exactly Flask's report ending in its warning line (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining(target, "conformance_wording_explain_twice")
    app.jinja_loader = DictLoader({"cart.html": "app"})
    shop = target.Blueprint("shop", "conformance_wording_shop")
    shop.jinja_loader = DictLoader({"cart.html": "shop"})
    app.register_blueprint(shop)
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context():
        assert target.render_template("cart.html") == "app"

    assert _explanations(caplog, app) == [
        "Locating template 'cart.html':\n"
        "    1: trying loader of application 'conformance_wording_explain_twice'\n"
        "       class: jinja2.loaders.DictLoader\n"
        "       -> found ('<string>')\n"
        "    2: trying loader of blueprint 'shop' (conformance_wording_shop)\n"
        "       class: jinja2.loaders.DictLoader\n"
        "       -> found ('<string>')\n"
        "Warning: multiple loaders returned a match for the template."
    ]


@pytest.mark.requires("templating")
def test_explanation_lists_a_file_loaders_settings(target, caplog, tmp_path):
    """With ``EXPLAIN_TEMPLATE_LOADING``, a file loader is described by its public settings in name order, lists as indented ``- item`` lines, before the error line (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining(target, "conformance_wording_explain_files")
    first, second = tmp_path / "one", tmp_path / "two"
    app.jinja_loader = FileSystemLoader([str(first), str(second)])
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context(), pytest.raises(TemplateNotFound):
        target.render_template("cart.html")

    assert _explanations(caplog, app) == [
        "Locating template 'cart.html':\n"
        "    1: trying loader of application 'conformance_wording_explain_files'\n"
        "       class: jinja2.loaders.FileSystemLoader\n"
        "       encoding: 'utf-8'\n"
        "       followlinks: False\n"
        "       searchpath:\n"
        f"         - {first}\n"
        f"         - {second}\n"
        "       -> no match\n"
        "Error: the template could not be found."
    ]
