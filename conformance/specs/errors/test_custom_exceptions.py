"""Application-defined exceptions: HTTPException subclasses and plain exceptions."""

import html

from werkzeug.exceptions import Gone, HTTPException


class Teapot(HTTPException):
    code = 418
    description = "Short and stout."


class OddStatus(HTTPException):
    code = 599
    description = "Something odd happened."


class Lapsed(HTTPException):
    code = 410


class Expired(Gone):
    pass


class QuotaExceeded(Exception):
    pass


def _production_app(target):
    app = target.make_app("conformance_errors_production")
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    app.logger.disabled = True
    return app


def _page(response):
    return html.unescape(response.get_data(as_text=True))


def test_http_exception_subclass_renders_its_code_and_description(app, client):
    """Raising an ``HTTPException`` subclass with ``code`` and ``description`` gives an error page with that status and text (Flask docs: Handling Application Errors)."""

    @app.route("/tea")
    def view():
        raise Teapot()

    response = client.get("/tea")

    assert response.status_code == 418
    page = _page(response)
    assert "<title>418 I'm a teapot</title>" in page
    assert "<p>Short and stout.</p>" in page


def test_http_exception_subclass_with_unregistered_code_is_unknown_error(app, client):
    """An ``HTTPException`` subclass with a code outside the known statuses is sent with that code and the name ``Unknown Error`` (Flask docs: Handling Application Errors)."""

    @app.route("/odd")
    def view():
        raise OddStatus()

    response = client.get("/odd")

    assert response.status_code == 599
    page = _page(response)
    assert "<title>599 Unknown Error</title>" in page
    assert "<p>Something odd happened.</p>" in page


def test_description_given_to_the_constructor_wins(app, client):
    """A description passed when raising an ``HTTPException`` subclass replaces the class's description on the page (Flask docs: Handling Application Errors)."""

    @app.route("/odd")
    def view():
        raise OddStatus("Odder still.")

    response = client.get("/odd")

    assert response.status_code == 599
    assert "<p>Odder still.</p>" in _page(response)


def test_handler_registered_for_a_custom_http_exception_class(app, client):
    """A handler registered with ``errorhandler(CustomClass)`` for an ``HTTPException`` subclass with an unknown code handles it (Flask API: Flask.errorhandler)."""

    @app.route("/odd")
    def view():
        raise OddStatus()

    @app.errorhandler(OddStatus)
    def handle(error):
        return f"handled {error.code}: {error.description}", error.code

    response = client.get("/odd")

    assert response.status_code == 599
    assert response.data == b"handled 599: Something odd happened."


def test_handler_by_code_ignores_a_direct_subclass_with_that_code(app, client):
    """A handler registered for 410 does not handle an ``HTTPException`` subclass that only sets ``code = 410``, as handlers by code match the class ``Gone`` and its subclasses (Flask API: Flask.errorhandler)."""

    @app.route("/lapsed")
    def lapsed():
        raise Lapsed()

    @app.route("/expired")
    def expired():
        raise Expired()

    app.register_error_handler(410, lambda e: (f"handled {type(e).__name__}", 410))

    assert client.get("/expired").data == b"handled Expired"
    response = client.get("/lapsed")
    assert response.status_code == 410
    assert "<title>410 Gone</title>" in _page(response)


def test_plain_custom_exception_without_handler_is_a_500(target):
    """Outside testing an application exception that is not an ``HTTPException`` and has no handler gives the 500 error page (Flask docs: Unhandled Exceptions)."""
    app = _production_app(target)

    @app.route("/quota")
    def view():
        raise QuotaExceeded("over")

    response = app.test_client().get("/quota")

    assert response.status_code == 500
    assert "<title>500 Internal Server Error</title>" in _page(response)


def test_plain_custom_exception_with_a_handler(target):
    """A handler registered for an application exception class turns it into the handler's response (Flask docs: Handling Application Errors)."""
    app = _production_app(target)

    @app.route("/quota")
    def view():
        raise QuotaExceeded("over by 3")

    @app.errorhandler(QuotaExceeded)
    def handle(error):
        return f"quota: {error}", 429

    response = app.test_client().get("/quota")

    assert response.status_code == 429
    assert response.data == b"quota: over by 3"


def test_handler_response_may_be_the_exception_itself(app, client):
    """An error handler may return the HTTP exception it received, which becomes its default error page (Flask docs: Handling Application Errors)."""

    @app.route("/tea")
    def view():
        raise Teapot()

    @app.errorhandler(Teapot)
    def handle(error):
        error.description = "Rewritten."
        return error

    response = client.get("/tea")

    assert response.status_code == 418
    assert "<p>Rewritten.</p>" in _page(response)


def test_http_exception_get_response_is_usable_in_a_handler(target, app, client):
    """A generic handler can build a JSON error from an HTTP exception's ``get_response()``, keeping its status (Flask docs: Generic Exception Handler)."""

    @app.route("/tea")
    def view():
        raise Teapot()

    @app.errorhandler(HTTPException)
    def handle(error):
        response = error.get_response()
        response.data = target.json.dumps({"code": error.code, "name": error.name})
        response.content_type = "application/json"
        return response

    response = client.get("/tea")

    assert response.status_code == 418
    assert response.get_json() == {"code": 418, "name": "I'm a teapot"}
