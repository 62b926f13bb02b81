"""Debug mode's refusal to answer a form post with a redirect that would drop its body."""

import sys

import pytest
from werkzeug.routing import RequestRedirect


@pytest.fixture
def moved_permanently(monkeypatch):
    """Make Werkzeug's routing redirects use 301, a code browsers follow with a GET."""
    monkeypatch.setattr(RequestRedirect, "code", 301)


def _post_to_slashless_url(app, client):
    app.debug = True

    @app.route("/form/", methods=["POST"])
    def form():
        return "posted"

    with pytest.raises(AssertionError) as caught:
        client.post("/form?step=2", data={"name": "ada"})
    return caught.value


def test_debug_form_post_redirect_raises_naming_the_canonical_url(app, client, moved_permanently):
    """In debug mode, a POST that routing would answer with a 301 redirect raises ``flask.debughelpers.FormDataRoutingRedirect`` (an ``AssertionError``) naming the canonical URL (Flask API: Flask.raise_routing_exception)."""
    error = _post_to_slashless_url(app, client)
    cls = type(error)

    assert cls.__name__ == "FormDataRoutingRedirect"
    assert cls.__module__.rpartition(".")[2] == "debughelpers"
    assert sys.modules[cls.__module__].FormDataRoutingRedirect is cls
    assert "http://localhost/form/?step=2" in str(error)
