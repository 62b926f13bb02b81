"""``url_for``'s underscore arguments: ``_scheme`` and ``_anchor``."""

import pytest


def test_scheme_without_external_is_refused_with_its_reason(app):
    """``url_for`` with ``_scheme`` and ``_external=False`` raises ``ValueError`` whose message names ``'_scheme'`` and ``'_external'`` and says it must be ``True`` (Flask API: Flask.url_for)."""

    @app.route("/")
    def index():
        return ""

    with app.test_request_context(), pytest.raises(ValueError) as caught:
        app.url_for("index", _scheme="https", _external=False)

    message = str(caught.value)
    assert "'_scheme'" in message and "'_external'" in message and "True" in message


def test_anchor_keeps_url_punctuation_and_quotes_the_rest(app):
    """``url_for``'s ``_anchor`` keeps ``%!#$&'()*+,/:;=?@`` as written and percent-encodes other characters such as spaces (Flask API: Flask.url_for)."""

    @app.route("/")
    def index():
        return ""

    with app.test_request_context():
        url = app.url_for("index", _anchor="a b/c?d=e&f!$'()*+,;:@%é")

    assert url == "/#a%20b/c?d=e&f!$'()*+,;:@%%C3%A9"


def test_app_context_builds_urls_with_the_adapter_made_when_it_was_pushed(app):
    """``url_for`` in an application context uses the URL adapter made when the context was pushed, so a ``SERVER_NAME`` set afterwards is not used (Flask API: Flask.url_for)."""

    @app.route("/")
    def index():
        return ""

    with app.app_context():
        app.config["SERVER_NAME"] = "example.org"
        with pytest.raises(RuntimeError):
            app.url_for("index")
