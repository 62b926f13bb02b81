"""``EXPLAIN_TEMPLATE_LOADING``: how template lookups are logged."""

import logging

import pytest
from jinja2 import TemplateNotFound

from ._apps import ROOT, templating_app


def _explaining_app(target, *blueprints):
    app = templating_app(target)
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    for name in blueprints:
        app.register_blueprint(
            target.Blueprint(
                name, __name__, root_path=str(ROOT / name), template_folder="templates"
            )
        )
    return app


def _messages(caplog, app):
    return [record.getMessage() for record in caplog.records if record.name == app.logger.name]


def test_explain_logs_each_loader_tried(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING`` on, loading a template logs at INFO on ``app.logger`` every loader tried and whether it found the template (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining_app(target, "bp_one")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context():
        assert target.render_template("only_one.html") == "bp_one only"

    (message,) = _messages(caplog, app)
    assert message.startswith("Locating template 'only_one.html':")
    assert "trying loader of application 'templating_app'" in message
    assert "trying loader of blueprint 'bp_one'" in message
    assert "-> no match" in message
    assert "-> found (" in message
    assert "only_one.html" in message.split("-> found (")[1]
    assert str(ROOT / "templates") in message


def test_explain_reports_missing_template(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING`` on, a template no loader finds is reported in the log, ending with a line that starts ``Error:``, before ``TemplateNotFound`` is raised (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining_app(target)
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context(), pytest.raises(TemplateNotFound):
        target.render_template("missing.html")

    (message,) = _messages(caplog, app)
    assert message.splitlines()[-1].startswith("Error:")


def test_explain_warns_about_several_matches(target, caplog):
    """With ``EXPLAIN_TEMPLATE_LOADING`` on, a name found by more than one loader is logged with a last line starting ``Warning:`` and the first match renders (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining_app(target, "bp_one", "bp_two")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context():
        assert target.render_template("shared.html") == "bp_one shared"

    (message,) = _messages(caplog, app)
    assert message.splitlines()[-1].startswith("Warning:")


def test_explain_mentions_the_blueprint_of_the_request(target, caplog):
    """When a lookup from a blueprint view finds nothing, the lines after the ``Error:`` line name the blueprint and link https://flask.palletsprojects.com/blueprints/#templates (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = templating_app(target)
    app.config.update(EXPLAIN_TEMPLATE_LOADING=True, TESTING=False)
    bp = target.Blueprint("shop", __name__)
    bp.add_url_rule("/", "index", lambda: target.render_template("missing.html"))
    app.register_blueprint(bp, url_prefix="/shop")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    assert target.make_client(app).get("/shop/").status_code == 500

    explained = [m for m in _messages(caplog, app) if m.startswith("Locating template")]
    assert len(explained) == 1
    _, error, advice = explained[0].partition("\nError:")
    assert error
    assert "'shop'" in advice.partition("\n")[2]
    assert "https://flask.palletsprojects.com/blueprints/#templates" in advice


def test_explain_advises_about_the_blueprint_when_several_loaders_match(target, caplog):
    """When a name several loaders find is looked up from a blueprint view, the explanation after the warning names the blueprint and links https://flask.palletsprojects.com/blueprints/#templates (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = _explaining_app(target, "bp_one", "bp_two")
    bp = target.Blueprint("shop", __name__)
    bp.add_url_rule("/", "index", lambda: target.render_template("shared.html"))
    app.register_blueprint(bp, url_prefix="/shop")
    caplog.set_level(logging.INFO, logger=app.logger.name)

    assert target.make_client(app).get("/shop/").get_data(as_text=True) == "bp_one shared"

    (message,) = _messages(caplog, app)
    _, warning, advice = message.partition("\nWarning:")
    assert warning
    assert "'shop'" in advice.partition("\n")[2]
    assert "https://flask.palletsprojects.com/blueprints/#templates" in advice


def test_no_explanation_by_default(target, caplog):
    """Template lookups log nothing while ``EXPLAIN_TEMPLATE_LOADING`` is off, its default (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    app = templating_app(target)
    caplog.set_level(logging.INFO, logger=app.logger.name)

    assert app.config["EXPLAIN_TEMPLATE_LOADING"] is False
    with app.app_context():
        target.render_template("page.html")

    assert _messages(caplog, app) == []


def test_explain_describes_the_loader(target, caplog):
    """The explanation names each loader's class and lists its public string, number and string-list attributes, leaving out private and other values (Flask API: EXPLAIN_TEMPLATE_LOADING)."""
    from jinja2 import DictLoader

    class DescribedLoader(DictLoader):
        def __init__(self):
            super().__init__({"described.txt": "described"})
            self.label = "mine"
            self.folders = ["one", "two"]
            self.sizes = [1, 2]
            self.limit = 3
            self._secret = "hidden"

    class App(target.Flask):
        @property
        def jinja_loader(self):
            return DescribedLoader()

    app = templating_app(target, App)
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    caplog.set_level(logging.INFO, logger=app.logger.name)

    with app.app_context():
        assert target.render_template("described.txt") == "described"

    (message,) = _messages(caplog, app)
    assert ".DescribedLoader" in message
    assert "label: 'mine'" in message
    assert "folders:\n" in message
    assert "  - one" in message
    assert "  - two" in message
    assert "limit: 3" in message
    assert "sizes" not in message
    assert "mapping" not in message
    assert "hidden" not in message
