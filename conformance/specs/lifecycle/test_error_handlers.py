"""Which error handler handles an exception, and what happens without one."""

import pytest
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

from conformance.support import cases


class BaseProblem(Exception):
    pass


class MiddleProblem(BaseProblem):
    pass


class LeafProblem(MiddleProblem):
    pass


class FirstParent(Exception):
    pass


class SecondParent(Exception):
    pass


class BothParents(FirstParent, SecondParent):
    pass


class GoneMissing(NotFound):
    pass


def _raising(app, rule, error):
    def view():
        raise error

    app.add_url_rule(rule, rule.strip("/") or "index", view)


def _production_app(target):
    app = target.make_app("conformance_production")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    return app


def test_handler_registered_by_code_handles_unmatched_url(app, client):
    """A handler registered for the code 404 produces the response for a URL no rule matches (Flask API: Flask.errorhandler)."""
    app.register_error_handler(404, lambda e: ("custom not found", 404))

    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.data == b"custom not found"


def test_handler_registered_by_code_receives_the_aborting_exception(target, app, client):
    """A handler registered by code receives the HTTPException instance that ``abort`` raised (Flask API: Flask.errorhandler)."""
    seen = []

    @app.errorhandler(403)
    def forbidden(error):
        seen.append((type(error).__name__, error.code, error.description))
        return "nope", 403

    @app.route("/")
    def view():
        target.abort(403, description="no entry")

    assert client.get("/").data == b"nope"
    assert seen == [("Forbidden", 403, "no entry")]


def test_most_specific_handler_in_the_mro_wins(app, client):
    """Among handlers for an exception's base classes, the one for the class nearest in its MRO handles it (Flask docs: Handling Application Errors)."""
    app.register_error_handler(BaseProblem, lambda e: "base")
    app.register_error_handler(MiddleProblem, lambda e: "middle")
    _raising(app, "/", LeafProblem())

    assert client.get("/").data == b"middle"


def test_handler_for_the_exact_class_beats_its_bases(app, client):
    """A handler for the raised class itself wins over handlers for its base classes, whatever the registration order (Flask docs: Handling Application Errors)."""
    app.register_error_handler(LeafProblem, lambda e: "leaf")
    app.register_error_handler(Exception, lambda e: "exception")
    app.register_error_handler(BaseProblem, lambda e: "base")
    _raising(app, "/", LeafProblem())

    assert client.get("/").data == b"leaf"


def test_multiple_inheritance_follows_mro_order(app, client):
    """With multiple inheritance, the handler for the base class that comes first in the MRO wins (Flask docs: Handling Application Errors)."""
    app.register_error_handler(SecondParent, lambda e: "second")
    app.register_error_handler(FirstParent, lambda e: "first")
    _raising(app, "/", BothParents())

    assert client.get("/").data == b"first"


def test_handler_for_http_exception_subclass_beats_handler_for_its_code(app, client):
    """A handler for a subclass of an HTTP exception wins over the handler for its code (Flask docs: Handling Application Errors)."""
    app.register_error_handler(404, lambda e: ("by code", 404))
    app.register_error_handler(GoneMissing, lambda e: ("by subclass", 404))
    _raising(app, "/subclass", GoneMissing())
    _raising(app, "/plain", NotFound())

    assert client.get("/subclass").data == b"by subclass"
    assert client.get("/plain").data == b"by code"


def test_code_handler_handles_subclasses_of_that_http_exception(app, client):
    """A handler for a code also handles subclasses of that code's HTTP exception (Flask docs: Handling Application Errors)."""
    app.register_error_handler(404, lambda e: (type(e).__name__, 404))
    _raising(app, "/", GoneMissing())

    assert client.get("/").data == b"GoneMissing"


def test_exception_handler_also_handles_http_exceptions(app, client):
    """A handler registered for ``Exception`` also handles HTTP exceptions such as 404 (Flask docs: Handling Application Errors)."""
    app.register_error_handler(Exception, lambda e: (f"generic {type(e).__name__}", 500))

    response = client.get("/nowhere")
    assert response.status_code == 500
    assert response.data == b"generic NotFound"


def test_http_exception_handler_does_not_handle_other_exceptions(app, client):
    """A handler for ``HTTPException`` handles aborts but not other exceptions, which still propagate in testing (Flask docs: Handling Application Errors)."""
    app.register_error_handler(HTTPException, lambda e: (f"http {e.code}", e.code))
    _raising(app, "/value", ValueError("bad"))

    assert client.get("/nowhere").data == b"http 404"
    with pytest.raises(ValueError):
        client.get("/value")


def test_routing_redirect_is_not_given_to_error_handlers(app, client):
    """The redirect to a rule's trailing-slash URL is not passed to an ``Exception`` handler (Flask docs: Handling Application Errors)."""
    app.register_error_handler(Exception, lambda e: ("caught", 500))
    app.add_url_rule("/folder/", "folder", lambda: "folder")

    response = client.get("/folder")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/folder/")


def test_blueprint_handler_wins_for_its_views_only(target, app, client):
    """For an error raised in a blueprint view the blueprint's handler wins over the app's; app views use the app's handler (Flask docs: Blueprint Error Handlers)."""
    blueprint = target.Blueprint("shop", "conformance_shop", url_prefix="/shop")
    blueprint.register_error_handler(LookupError, lambda e: "blueprint")
    _raising(blueprint, "/", LookupError())
    app.register_blueprint(blueprint)
    app.register_error_handler(LookupError, lambda e: "app")
    _raising(app, "/", LookupError())

    assert client.get("/shop/").data == b"blueprint"
    assert client.get("/").data == b"app"


def test_blueprint_generic_handler_beats_app_specific_handler(target, app, client):
    """A blueprint handler for a base class wins over an app handler for the exact class, as the blueprint is searched first (Flask API: Flask.errorhandler)."""
    blueprint = target.Blueprint("shop", "conformance_shop", url_prefix="/shop")
    blueprint.register_error_handler(Exception, lambda e: "blueprint exception")
    _raising(blueprint, "/", LeafProblem())
    app.register_blueprint(blueprint)
    app.register_error_handler(LeafProblem, lambda e: "app leaf")

    assert client.get("/shop/").data == b"blueprint exception"


def test_app_code_handler_beats_blueprint_class_handler(target, app, client):
    """For an HTTP error in a blueprint view, an app handler for its code wins over a blueprint handler for ``HTTPException``, as code handlers are searched first (Flask API: Flask.errorhandler)."""
    blueprint = target.Blueprint("shop", "conformance_shop", url_prefix="/shop")
    blueprint.register_error_handler(HTTPException, lambda e: ("blueprint http", e.code))

    @blueprint.route("/missing")
    def missing():
        target.abort(404)

    @blueprint.route("/forbidden")
    def forbidden():
        target.abort(403)

    app.register_blueprint(blueprint)
    app.register_error_handler(404, lambda e: ("app 404", 404))

    assert client.get("/shop/missing").data == b"app 404"
    assert client.get("/shop/forbidden").data == b"blueprint http"


def test_nested_blueprint_handler_beats_parent_handler(target, app, client):
    """An error in a nested blueprint's view goes to its own handler before its parent's and the app's (Flask docs: Nesting Blueprints)."""
    parent = target.Blueprint("parent", "conformance_parent")
    child = target.Blueprint("child", "conformance_child")
    parent.register_error_handler(LookupError, lambda e: "parent")
    child.register_error_handler(LookupError, lambda e: "child")
    _raising(child, "/child", LookupError())
    _raising(parent, "/parent", LookupError())
    parent.register_blueprint(child, url_prefix="/in")
    app.register_blueprint(parent)
    app.register_error_handler(LookupError, lambda e: "app")

    assert client.get("/in/child").data == b"child"
    assert client.get("/parent").data == b"parent"


def test_blueprint_404_handler_does_not_see_unmatched_urls(target, app, client):
    """A blueprint's 404 handler is not used for an unmatched URL under its prefix; the app's handler is (Flask docs: Blueprint Error Handlers)."""
    blueprint = target.Blueprint("shop", "conformance_shop", url_prefix="/shop")
    blueprint.register_error_handler(404, lambda e: ("blueprint 404", 404))
    blueprint.add_url_rule("/", "index", lambda: "shop")
    app.register_blueprint(blueprint)
    app.register_error_handler(404, lambda e: ("app 404", 404))

    assert client.get("/shop/missing").data == b"app 404"


def test_blueprint_app_errorhandler_applies_to_app_views(target, app, client):
    """A handler registered with ``Blueprint.app_errorhandler`` handles errors raised in views outside the blueprint (Flask API: Blueprint.app_errorhandler)."""
    blueprint = target.Blueprint("errors", "conformance_errors")
    blueprint.app_errorhandler(LookupError)(lambda e: ("from blueprint", 400))
    app.register_blueprint(blueprint)
    _raising(app, "/", LookupError())

    response = client.get("/")
    assert response.status_code == 400
    assert response.data == b"from blueprint"


def test_500_handler_receives_internal_server_error_with_original_exception(target):
    """An unhandled exception reaches the 500 handler as an ``InternalServerError`` whose ``original_exception`` is the raised exception (Flask docs: Unhandled Exceptions)."""
    app = _production_app(target)
    seen = []
    error = LookupError("deep")

    @app.errorhandler(500)
    def server_error(e):
        seen.append(e)
        return "five hundred", 500

    _raising(app, "/", error)

    response = target.make_client(app).get("/")
    assert response.status_code == 500
    assert response.data == b"five hundred"
    assert len(seen) == 1
    assert isinstance(seen[0], InternalServerError)
    assert seen[0].original_exception is error


def test_500_handler_receives_raised_internal_server_error_unwrapped(target):
    """An ``InternalServerError`` raised by the view reaches the 500 handler itself, with no original exception (Flask docs: Unhandled Exceptions)."""
    app = _production_app(target)
    seen = []
    error = InternalServerError("explicit")

    @app.errorhandler(InternalServerError)
    def server_error(e):
        seen.append(e)
        return "handled", 500

    _raising(app, "/", error)

    assert target.make_client(app).get("/").data == b"handled"
    assert seen == [error]
    assert seen[0].original_exception is None


def test_500_handler_is_skipped_when_exceptions_propagate(app, client):
    """In testing mode an unhandled exception propagates to the test client without calling the 500 handler (Flask docs: Unhandled Exceptions)."""
    seen = []
    app.register_error_handler(500, lambda e: seen.append(e) or ("handled", 500))
    _raising(app, "/", LookupError("up"))

    with pytest.raises(LookupError):
        client.get("/")
    assert seen == []


def test_exception_handler_receives_the_exception_not_a_500_wrapper(target):
    """Outside testing, a handler for ``Exception`` receives the raised exception itself rather than an ``InternalServerError`` (Flask docs: Handling Application Errors)."""
    app = _production_app(target)
    error = LookupError("direct")
    seen = []
    app.register_error_handler(Exception, lambda e: seen.append(e) or ("handled", 500))
    _raising(app, "/", error)

    assert target.make_client(app).get("/").data == b"handled"
    assert seen == [error]


@pytest.mark.parametrize(("given", "expected"), cases("lifecycle_propagation"))
def test_testing_and_propagate_exceptions_decide_propagation(target, given, expected):
    """The ``PROPAGATE_EXCEPTIONS`` setting decides whether an unhandled exception reaches the test client or becomes a 500; when unset, ``TESTING`` decides (Flask API: PROPAGATE_EXCEPTIONS)."""
    app = target.make_app("conformance_propagation")
    app.config.update(given)
    _raising(app, "/", LookupError("up"))
    client = target.make_client(app)

    if expected == "raises":
        with pytest.raises(LookupError):
            client.get("/")
    else:
        assert client.get("/").status_code == expected


def test_unhandled_http_exception_gives_its_own_response_in_testing(target, app, client):
    """An HTTP exception without a handler becomes its own error response, even in testing mode (Flask docs: Handling Application Errors)."""

    @app.route("/")
    def view():
        target.abort(409)

    response = client.get("/")
    assert response.status_code == 409
    assert b"Conflict" in response.data


def test_trap_http_exceptions_makes_aborts_propagate(target, app, client):
    """With ``TRAP_HTTP_EXCEPTIONS`` set, an HTTP exception propagates like any other unhandled exception (Flask API: TRAP_HTTP_EXCEPTIONS)."""
    app.config["TRAP_HTTP_EXCEPTIONS"] = True

    @app.route("/")
    def view():
        target.abort(409)

    with pytest.raises(HTTPException) as raised:
        client.get("/")
    assert raised.value.code == 409


def test_handler_returning_only_a_body_gives_status_200(app, client):
    """An error handler's return value is converted like a view's, so a bare string yields status 200 (Flask docs: Handling Application Errors)."""
    app.register_error_handler(404, lambda e: "only a body")

    response = client.get("/nowhere")
    assert response.status_code == 200
    assert response.data == b"only a body"


def test_handler_return_tuple_sets_status_and_headers(app, client):
    """An error handler returning ``(body, status, headers)`` sets the response's status and headers (Flask docs: Handling Application Errors)."""
    app.register_error_handler(LookupError, lambda e: ("gone", 410, {"X-Reason": "lookup"}))
    _raising(app, "/", LookupError())

    response = client.get("/")
    assert response.status_code == 410
    assert response.headers["X-Reason"] == "lookup"


def test_later_registration_replaces_handler_for_same_class(app, client):
    """Registering a second handler for the same exception class replaces the first (Flask API: Flask.register_error_handler)."""
    app.register_error_handler(LookupError, lambda e: "first")
    app.register_error_handler(LookupError, lambda e: "second")
    _raising(app, "/", LookupError())

    assert client.get("/").data == b"second"


def test_registering_an_unknown_code_raises_value_error(app):
    """Registering a handler for a status code Werkzeug has no exception for raises ``ValueError`` (Flask API: Flask.register_error_handler)."""
    with pytest.raises(ValueError):
        app.register_error_handler(599, lambda e: "never")


def test_registering_an_exception_instance_raises_type_error(app):
    """Registering a handler for an exception instance instead of a class raises ``TypeError`` (Flask API: Flask.register_error_handler)."""
    with pytest.raises(TypeError):
        app.register_error_handler(LookupError(), lambda e: "never")


def test_registering_a_non_exception_class_raises_value_error(app):
    """Registering a handler for a class that is not an Exception subclass raises ``ValueError`` (Flask API: Flask.register_error_handler)."""
    with pytest.raises(ValueError):
        app.register_error_handler(int, lambda e: "never")
