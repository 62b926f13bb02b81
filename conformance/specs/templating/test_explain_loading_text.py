"""The full text ``EXPLAIN_TEMPLATE_LOADING`` logs for a lookup that finds one match."""

import logging

from jinja2 import DictLoader


def test_explanation_of_a_single_match_from_a_loader_without_files(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING``, a template found once by a loader without files is logged as the lookup, the loader tried, its class and ``-> found ('<string>')``, and nothing more (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = target.Flask("conformance_explain_text")
    app.jinja_loader = DictLoader({"page.html": "page"})
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context():
        assert target.render_template("page.html") == "page"

    messages = [r.getMessage() for r in caplog.records if r.name == app.logger.name]
    assert messages == [
        "Locating template 'page.html':\n"
        "    1: trying loader of application 'conformance_explain_text'\n"
        "       class: jinja2.loaders.DictLoader\n"
        "       -> found ('<string>')"
    ]


def test_explaining_a_single_match_from_a_blueprint_view_gives_no_advice(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING``, a template found once during a blueprint's request is explained without the blueprint advice, which is kept for lookups that fail or match twice (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = target.Flask("conformance_explain_blueprint")
    app.jinja_loader = DictLoader({"page.html": "page"})
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    blueprint = target.Blueprint("shop", __name__)
    blueprint.add_url_rule("/", "index", lambda: target.render_template("page.html"))
    app.register_blueprint(blueprint, url_prefix="/shop")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    response = app.test_client().get("/shop/")

    assert response.get_data(as_text=True) == "page"
    (message,) = [r.getMessage() for r in caplog.records if r.name == app.logger.name]
    assert message.endswith("       -> found ('<string>')")
    assert "https://flask.palletsprojects.com/blueprints/#templates" not in message
    assert "'shop'" not in message
