"""Error handlers registered on blueprints: local to their views or application-wide."""

from werkzeug.exceptions import Forbidden


def _forbidden():
    raise Forbidden()


def test_errorhandler_handles_errors_of_own_views(target, app, client):
    """A blueprint's ``errorhandler`` handles an HTTP error raised in one of its views (Flask API: Blueprint.errorhandler)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_url_rule("/denied", "denied", _forbidden)
    bp.errorhandler(403)(lambda error: ("bp forbidden", 403))
    app.register_blueprint(bp)
    response = client.get("/denied")
    assert (response.status_code, response.data) == (403, b"bp forbidden")


def test_errorhandler_ignores_errors_of_app_views(target, app, client):
    """A blueprint's ``errorhandler`` is not used for an error raised in an application view (Flask API: Blueprint.errorhandler)."""
    bp = target.Blueprint("bp", __name__)
    bp.errorhandler(403)(lambda error: ("bp forbidden", 403))
    app.add_url_rule("/denied", "denied", _forbidden)
    app.register_blueprint(bp)
    response = client.get("/denied")
    assert response.status_code == 403
    assert response.data != b"bp forbidden"


def test_app_errorhandler_handles_errors_everywhere(target, app, client):
    """A blueprint's ``app_errorhandler`` handles the error in application views too (Flask API: Blueprint.app_errorhandler)."""
    bp = target.Blueprint("bp", __name__)
    bp.app_errorhandler(403)(lambda error: ("global forbidden", 403))
    app.add_url_rule("/denied", "denied", _forbidden)
    app.register_blueprint(bp)
    assert client.get("/denied").data == b"global forbidden"


def test_blueprint_handler_wins_over_app_handler(target, app, client):
    """For a blueprint's view, the blueprint's handler for an error is preferred to the application's (Flask docs: Handling Application Errors)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_url_rule("/denied", "denied", _forbidden)
    bp.errorhandler(403)(lambda error: ("bp", 403))
    app.errorhandler(403)(lambda error: ("app", 403))
    app.add_url_rule("/top", "top", _forbidden)
    app.register_blueprint(bp, url_prefix="/bp")
    assert client.get("/bp/denied").data == b"bp"
    assert client.get("/top").data == b"app"


def test_unmatched_url_under_prefix_is_not_routed_to_blueprint_404(target, app, client):
    """A 404 for a URL no rule matches, even under a blueprint's prefix, is not handled by that blueprint's 404 handler (Flask docs: Handling Application Errors)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/bp")
    bp.add_url_rule("/here", "here", lambda: "here")
    bp.errorhandler(404)(lambda error: ("bp missing", 404))
    app.errorhandler(404)(lambda error: ("app missing", 404))
    app.register_blueprint(bp)
    response = client.get("/bp/nowhere")
    assert (response.status_code, response.data) == (404, b"app missing")


def test_abort_404_in_blueprint_view_uses_blueprint_handler(target, app, client):
    """A 404 raised by ``abort`` inside a blueprint's view is handled by that blueprint's 404 handler (Flask docs: Handling Application Errors)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_url_rule("/gone", "gone", lambda: target.abort(404))
    bp.errorhandler(404)(lambda error: ("bp missing", 404))
    app.register_blueprint(bp)
    assert client.get("/gone").data == b"bp missing"


def test_method_not_allowed_is_not_routed_to_blueprint_handler(target, app, client):
    """A 405 from routing on a blueprint's URL is not handled by the blueprint's 405 handler (Flask docs: Handling Application Errors)."""
    bp = target.Blueprint("bp", __name__)
    bp.add_url_rule("/only-get", "only_get", lambda: "ok", methods=["GET"])
    bp.errorhandler(405)(lambda error: ("bp 405", 405))
    app.register_blueprint(bp)
    response = client.post("/only-get")
    assert response.status_code == 405
    assert response.data != b"bp 405"


def test_exception_class_handler_is_local(target, app, client):
    """A blueprint's handler for an exception class handles it in its own views while the same exception in an application view gives a 500 (Flask API: Blueprint.errorhandler)."""

    def fail():
        raise KeyError("missing")

    bp = target.Blueprint("bp", __name__)
    bp.add_url_rule("/fail", "fail", fail)
    bp.register_error_handler(KeyError, lambda error: ("key handled", 400))
    app.add_url_rule("/fail", "fail", fail)
    app.register_blueprint(bp, url_prefix="/bp")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    handled = client.get("/bp/fail")
    assert (handled.status_code, handled.data) == (400, b"key handled")
    assert client.get("/fail").status_code == 500


def test_parent_handler_applies_to_nested_views(target, app, client):
    """A parent blueprint's error handler handles errors raised in its nested blueprints' views (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    child.add_url_rule("/denied", "denied", _forbidden)
    parent.errorhandler(403)(lambda error: ("parent handled", 403))
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/denied").data == b"parent handled"


def test_child_handler_wins_over_parent_handler(target, app, client):
    """For a nested blueprint's view, its own error handler is preferred to its parent's (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", __name__)
    child = target.Blueprint("child", __name__)
    child.add_url_rule("/denied", "denied", _forbidden)
    parent.errorhandler(403)(lambda error: ("parent handled", 403))
    child.errorhandler(403)(lambda error: ("child handled", 403))
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/denied").data == b"child handled"
