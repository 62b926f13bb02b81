"""The bench scenarios: small apps built through a target's public API.

Each scenario builds one app on a :class:`~conformance.targets.Target` (only
``target.Flask``, ``target.request``, ``target.session`` and the other names
of Flask's API, never an implementation's internals, each looked up once as
an app's ``from flask import ...`` would) and the one request the bench sends
it, as a prebuilt WSGI environ. The same builder serves the in-process timing,
the servers of ``--server`` and the check that every target answers each
scenario with the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from werkzeug.test import EnvironBuilder

from conformance.targets import Target

#: The import name of every scenario app: a package without ``static`` or
#: ``templates`` folders, so no target adds a static route of its own accord.
IMPORT_NAME = __name__


@dataclass
class Prepared:
    """A scenario built on one target: its app and the request to send it.

    ``environ`` is never handed to the app itself; :meth:`fresh_environ`
    copies it and gives the copy a new input stream over ``body``.
    """

    app: Any
    environ: dict[str, Any]
    body: bytes
    expected_status: int

    @property
    def path(self) -> str:
        """The request's path and query string, for an HTTP client."""
        query = self.environ.get("QUERY_STRING")
        return self.environ["PATH_INFO"] + (f"?{query}" if query else "")

    def fresh_environ(self) -> dict[str, Any]:
        environ = self.environ.copy()
        environ["wsgi.input"] = BytesIO(self.body)
        return environ


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    build: Callable[[Target], Prepared]
    #: Whether ``--server`` can serve it.
    served: bool = False


def _prepare(app: Any, expected_status: int = 200, **request: Any) -> Prepared:
    environ = EnvironBuilder(**request).get_environ()
    body = environ["wsgi.input"].read()
    return Prepared(app, environ, body, expected_status)


def build_hello(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    return _prepare(app, path="/")


#: How many rules the ``params`` app has, and the one its request matches.
PARAMS_ROUTES = 100
PARAMS_PATH = "/section37/42/ada"


def build_params(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)

    def item(section: int, item_id: int, name: str) -> str:
        return f"section {section}, item {item_id}, {name}"

    for section in range(PARAMS_ROUTES // 2):
        # Half the rules take an int and a string, half only an int.
        app.add_url_rule(
            f"/section{section}/<int:item_id>/<name>",
            f"item{section}",
            item,
            defaults={"section": section},
        )
        app.add_url_rule(
            f"/section{section}/<int:item_id>",
            f"item{section}_unnamed",
            item,
            defaults={"section": section, "name": "unnamed"},
        )
    assert len(list(app.url_map.iter_rules())) >= PARAMS_ROUTES
    return _prepare(app, path=PARAMS_PATH)


def build_json(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    jsonify = target.jsonify

    @app.route("/user/<int:user_id>")
    def user(user_id: int) -> Any:
        return jsonify(
            id=user_id,
            name="Ada Lovelace",
            roles=["admin", "author"],
            active=True,
            profile={"language": "en", "score": 12.5},
        )

    return _prepare(app, path="/user/42")


def build_hooks(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)

    def before() -> None:
        return None

    def after(response: Any) -> Any:
        return response

    def teardown(error: BaseException | None) -> None:
        return None

    for _ in range(3):
        app.before_request(before)
        app.after_request(after)
    for _ in range(2):
        app.teardown_request(teardown)

    @app.route("/")
    def index() -> str:
        return "hooked"

    return _prepare(app, path="/")


def build_blueprint(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    parent = target.Blueprint("parent", IMPORT_NAME, url_prefix="/shop")
    child = target.Blueprint("child", IMPORT_NAME)

    @child.route("/item/<int:item_id>")
    def item(item_id: int) -> str:
        return f"item {item_id}"

    parent.register_blueprint(child, url_prefix="/catalog")
    app.register_blueprint(parent)
    return _prepare(app, path="/shop/catalog/item/7")


def build_session(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    app.secret_key = "bench secret key"
    session = target.session

    @app.route("/")
    def visit() -> str:
        visits = session.get("visits", 0) + 1
        session["visits"] = visits
        return f"visit {visits}"

    cookie = app.session_interface.get_signing_serializer(app).dumps({"visits": 1})
    return _prepare(app, path="/", headers={"Cookie": f"session={cookie}"})


TEMPLATE = """\
<h1>{{ title }}</h1>
<ul>
{% for item in items %}  <li class="{{ loop.cycle('odd', 'even') }}">{{ item.name }}: {{ item.price }}</li>
{% endfor %}</ul>
"""


def build_template(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    items = [{"name": f"thing <{number}>", "price": number * 3} for number in range(10)]
    render_template_string = target.render_template_string

    @app.route("/")
    def page() -> str:
        return render_template_string(TEMPLATE, title="Things & more", items=items)

    return _prepare(app, path="/")


def build_not_found(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)

    @app.route("/")
    def index() -> str:
        return "index"

    @app.errorhandler(404)
    def not_found(error: Exception) -> tuple[str, int]:
        return "nothing here", 404

    return _prepare(app, 404, path="/no/such/page")


def build_post_form(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    request = target.request

    @app.route("/signup", methods=["POST"])
    def signup() -> str:
        form = request.form
        return f"{form['name']} <{form['email']}>, {form.get('age', type=int)}: {form['message']}"

    return _prepare(
        app,
        path="/signup",
        method="POST",
        data={"name": "Ada", "email": "ada@example.com", "age": "36", "message": "Hello & bye"},
    )


def build_url_for(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    url_for = target.url_for

    @app.route("/")
    def index() -> str:
        return "\n".join(
            [
                url_for("index"),
                url_for("user", user_id=1),
                url_for("user", user_id=2, tab="posts"),
                url_for("page", name="about us", _anchor="team"),
                url_for("page", name="contact", _external=True),
            ]
        )

    @app.route("/user/<int:user_id>")
    def user(user_id: int) -> str:
        return str(user_id)

    @app.route("/page/<name>")
    def page(name: str) -> str:
        return name

    return _prepare(app, path="/")


def build_stream(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)
    request, stream_with_context = target.request, target.stream_with_context

    @app.route("/stream")
    def stream() -> Any:
        def chunks() -> Any:
            for number in range(5):
                yield f"chunk {number} of {request.path}\n"

        return stream_with_context(chunks())

    return _prepare(app, path="/stream")


def build_async(target: Target) -> Prepared:
    app = target.Flask(IMPORT_NAME)

    @app.route("/")
    async def index() -> str:
        return "async hello"

    return _prepare(app, path="/")


SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in [
        Scenario("hello", "one static route returning a string", build_hello, served=True),
        Scenario("params", "int and str converters among 100 routes", build_params, served=True),
        Scenario("json", "a jsonify response", build_json),
        Scenario("hooks", "3 before_request, 3 after_request, 2 teardown hooks", build_hooks),
        Scenario("blueprint", "a view in a nested blueprint with a prefix", build_blueprint),
        Scenario("session", "read and write a value in a signed cookie", build_session),
        Scenario("template", "render_template_string with a loop", build_template),
        Scenario("404", "an unknown URL with a 404 handler", build_not_found),
        Scenario("post_form", "a urlencoded form POST of four fields", build_post_form),
        Scenario("url_for", "a view calling url_for five times", build_url_for),
        Scenario("stream", "a generator response of five chunks", build_stream),
        Scenario("async", "an async def view", build_async),
    ]
}

SERVED_SCENARIOS = [name for name, scenario in SCENARIOS.items() if scenario.served]
