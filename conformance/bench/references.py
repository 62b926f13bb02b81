"""Reference rows for ``conformance bench``: the scenarios on Bottle and Falcon.

Flask-compatible targets are compared with each other; these rows say how
far a micro-framework of another design is from both. Each scenario a
framework can express is built here through that framework's own public API
(``bottle.Bottle``, ``falcon.App`` ...) and sent the same request as the
targets (the environ of :mod:`~conformance.bench.scenarios`). A scenario
with no faithful equivalent is absent, shown as ``-``: Bottle has no
teardown hooks, signed session or ``url_for`` with Flask's options, Falcon
no blueprints or templates, and neither runs an ``async def`` view under
WSGI. The bodies need not be byte for byte Flask's (Bottle's JSON and
Falcon's differ in spacing), only answer with the expected status.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from conformance.bench.scenarios import (
    PARAMS_ROUTES,
    SCENARIOS,
    TEMPLATE,
    Prepared,
)

#: The reference frameworks, in the order of their columns.
REFERENCES = ("bottle", "falcon")

_USER = {
    "name": "Ada Lovelace",
    "roles": ["admin", "author"],
    "active": True,
    "profile": {"language": "en", "score": 12.5},
}
_ITEMS = [{"name": f"thing <{number}>", "price": number * 3} for number in range(10)]


# -- Bottle --------------------------------------------------------------


def _bottle_hello() -> Any:
    import bottle

    app = bottle.Bottle()

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    return app


def _bottle_params() -> Any:
    import bottle

    app = bottle.Bottle()

    def item(section: int, item_id: int, name: str) -> str:
        return f"section {section}, item {item_id}, {name}"

    for section in range(PARAMS_ROUTES // 2):
        app.route(
            f"/section{section}/<item_id:int>/<name>",
            callback=lambda item_id, name, section=section: item(section, item_id, name),
        )
        app.route(
            f"/section{section}/<item_id:int>",
            callback=lambda item_id, section=section: item(section, item_id, "unnamed"),
        )
    return app


def _bottle_json() -> Any:
    import bottle

    app = bottle.Bottle()

    @app.route("/user/<user_id:int>")
    def user(user_id: int) -> dict[str, Any]:
        return {"id": user_id, **_USER}

    return app


def _bottle_blueprint() -> Any:
    import bottle

    app, parent, child = bottle.Bottle(), bottle.Bottle(), bottle.Bottle()

    @child.route("/item/<item_id:int>")
    def item(item_id: int) -> str:
        return f"item {item_id}"

    parent.mount("/catalog/", child)
    app.mount("/shop/", parent)
    return app


def _bottle_template() -> Any:
    import bottle

    app = bottle.Bottle()

    @app.route("/")
    def page() -> str:
        # Bottle's Jinja2 adapter, with the autoescaping Flask turns on.
        return bottle.jinja2_template(
            TEMPLATE, title="Things & more", items=_ITEMS, template_settings={"autoescape": True}
        )

    return app


def _bottle_not_found() -> Any:
    import bottle

    app = bottle.Bottle()

    @app.route("/")
    def index() -> str:
        return "index"

    @app.error(404)
    def not_found(error: Exception) -> str:
        return "nothing here"

    return app


def _bottle_post_form() -> Any:
    import bottle

    app = bottle.Bottle()
    request = bottle.request

    @app.route("/signup", method="POST")
    def signup() -> str:
        form = request.forms
        return f"{form['name']} <{form['email']}>, {form.get('age', type=int)}: {form['message']}"

    return app


def _bottle_stream() -> Any:
    import bottle

    app = bottle.Bottle()
    request = bottle.request

    @app.route("/stream")
    def stream() -> Any:
        def chunks() -> Any:
            for number in range(5):
                yield f"chunk {number} of {request.path}\n"

        return chunks()

    return app


# -- Falcon --------------------------------------------------------------


def _falcon_app() -> Any:
    import falcon

    return falcon.App()


def _falcon_text(resp: Any, text: str) -> None:
    import falcon

    resp.content_type = falcon.MEDIA_TEXT
    resp.text = text


def _falcon_hello() -> Any:
    app = _falcon_app()

    class Hello:
        def on_get(self, req: Any, resp: Any) -> None:
            _falcon_text(resp, "Hello, World!")

    app.add_route("/", Hello())
    return app


def _falcon_params() -> Any:
    app = _falcon_app()

    class Item:
        def __init__(self, section: int) -> None:
            self.section = section

        def on_get(self, req: Any, resp: Any, item_id: int, name: str = "unnamed") -> None:
            _falcon_text(resp, f"section {self.section}, item {item_id}, {name}")

    for section in range(PARAMS_ROUTES // 2):
        resource = Item(section)
        app.add_route(f"/section{section}/{{item_id:int}}/{{name}}", resource)
        app.add_route(f"/section{section}/{{item_id:int}}", resource)
    return app


def _falcon_json() -> Any:
    app = _falcon_app()

    class User:
        def on_get(self, req: Any, resp: Any, user_id: int) -> None:
            resp.media = {"id": user_id, **_USER}

    app.add_route("/user/{user_id:int}", User())
    return app


def _falcon_not_found() -> Any:
    import falcon

    app = _falcon_app()

    class Index:
        def on_get(self, req: Any, resp: Any) -> None:
            _falcon_text(resp, "index")

    def not_found(req: Any, resp: Any, error: Exception, params: Any) -> None:
        resp.status = falcon.HTTP_404
        _falcon_text(resp, "nothing here")

    app.add_route("/", Index())
    app.add_error_handler(falcon.HTTPNotFound, not_found)
    return app


def _falcon_post_form() -> Any:
    app = _falcon_app()

    class Signup:
        def on_post(self, req: Any, resp: Any) -> None:
            form = req.get_media()
            age = int(form["age"]) if "age" in form else None
            _falcon_text(resp, f"{form['name']} <{form['email']}>, {age}: {form['message']}")

    app.add_route("/signup", Signup())
    return app


def _falcon_stream() -> Any:
    app = _falcon_app()

    class Stream:
        def on_get(self, req: Any, resp: Any) -> None:
            path = req.path

            def chunks() -> Any:
                for number in range(5):
                    yield f"chunk {number} of {path}\n".encode()

            resp.content_type = "text/html; charset=utf-8"
            resp.stream = chunks()

    app.add_route("/stream", Stream())
    return app


_BUILDERS: dict[str, dict[str, Callable[[], Any]]] = {
    "bottle": {
        "hello": _bottle_hello,
        "params": _bottle_params,
        "json": _bottle_json,
        "blueprint": _bottle_blueprint,
        "template": _bottle_template,
        "404": _bottle_not_found,
        "post_form": _bottle_post_form,
        "stream": _bottle_stream,
    },
    "falcon": {
        "hello": _falcon_hello,
        "params": _falcon_params,
        "json": _falcon_json,
        "404": _falcon_not_found,
        "post_form": _falcon_post_form,
        "stream": _falcon_stream,
    },
}
assert all(set(builders) <= set(SCENARIOS) for builders in _BUILDERS.values())


def installed(name: str) -> bool:
    """Whether the reference framework *name* can be imported here."""
    return importlib.util.find_spec(name) is not None


def version(name: str) -> str:
    """The installed version of reference framework *name*."""
    module = __import__(name)
    return str(getattr(module, "__version__", "?"))


def expresses(name: str, scenario: str) -> bool:
    """Whether reference framework *name* has a build of *scenario*."""
    return scenario in _BUILDERS[name]


def build(name: str, scenario: str, request_of: Prepared) -> Prepared:
    """Scenario *scenario* built on reference framework *name*, sent *request_of*'s request.

    :param request_of: the scenario as built on a target; its environ, body
        and expected status are reused, so every row answers the same request.
    """
    return Prepared(
        _BUILDERS[name][scenario](),
        request_of.environ,
        request_of.body,
        request_of.expected_status,
    )
