"""Which HTTP methods class-based views accept and how MethodView dispatches them."""


def test_view_methods_attribute_sets_the_rule_methods(target, app, client):
    """The ``methods`` class attribute of a ``View`` decides which methods its rule accepts (Flask API: View.methods)."""

    class Submit(target.views.View):
        methods = ["POST"]

        def dispatch_request(self):
            return target.request.method

    app.add_url_rule("/submit", view_func=Submit.as_view("submit"))

    assert client.post("/submit").data == b"POST"
    assert client.get("/submit").status_code == 405


def test_view_without_methods_accepts_get_head_options(target, app):
    """A ``View`` without ``methods`` is registered for GET, HEAD and OPTIONS like a plain route (Flask API: View.methods)."""

    class Plain(target.views.View):
        def dispatch_request(self):
            return ""

    app.add_url_rule("/plain", view_func=Plain.as_view("plain"))

    (rule,) = app.url_map.iter_rules("plain")
    assert rule.methods == {"GET", "HEAD", "OPTIONS"}


def test_method_view_dispatches_to_method_named_after_the_verb(target, app, client):
    """``MethodView`` calls the instance method named after the lower-cased request method (Flask API: MethodView)."""

    class Resource(target.views.MethodView):
        def get(self):
            return "got"

        def post(self):
            return "posted"

        def delete(self):
            return "deleted"

    app.add_url_rule("/r", view_func=Resource.as_view("r"))

    assert client.get("/r").data == b"got"
    assert client.post("/r").data == b"posted"
    assert client.delete("/r").data == b"deleted"


def test_method_view_methods_are_inferred_from_defined_functions(target):
    """A ``MethodView`` subclass gets a ``methods`` set of the upper-cased HTTP verbs it defines (Flask API: MethodView)."""

    class Resource(target.views.MethodView):
        def get(self):
            return ""

        def put(self):
            return ""

        def helper(self):
            return ""

    assert Resource.methods == {"GET", "PUT"}


def test_method_view_methods_include_inherited_verbs(target, app, client):
    """A ``MethodView`` subclass also accepts verbs implemented by its base classes (Flask API: MethodView)."""

    class Base(target.views.MethodView):
        def get(self):
            return "base get"

    class Child(Base):
        def patch(self):
            return "child patch"

    app.add_url_rule("/child", view_func=Child.as_view("child"))

    assert Child.methods == {"GET", "PATCH"}
    assert client.get("/child").data == b"base get"
    assert client.patch("/child").data == b"child patch"


def test_method_view_methods_include_base_methods_attribute(target):
    """A ``MethodView`` subclass adds the ``methods`` declared on a base class to the verbs it defines (Flask API: MethodView)."""

    class Base(target.views.MethodView):
        methods = ["POST"]

        def post(self):
            return ""

    class Child(Base):
        def get(self):
            return ""

    assert Child.methods == {"GET", "POST"}


def test_explicit_methods_attribute_wins_over_inference(target, app, client):
    """A ``methods`` attribute written in a ``MethodView`` class body is used as is, even if other verbs are defined (Flask API: MethodView)."""

    class Limited(target.views.MethodView):
        methods = ["GET"]

        def get(self):
            return "got"

        def post(self):
            return "posted"

    app.add_url_rule("/limited", view_func=Limited.as_view("limited"))

    assert client.get("/limited").data == b"got"
    assert client.post("/limited").status_code == 405


def test_method_view_without_verbs_has_no_methods(target):
    """A ``MethodView`` subclass that defines no verb keeps ``methods`` as ``None`` (Flask API: MethodView)."""

    class Empty(target.views.MethodView):
        pass

    assert Empty.methods is None


def test_method_view_head_falls_back_to_get(target, app, client):
    """A HEAD request to a ``MethodView`` without ``head`` runs ``get`` and returns its headers without a body (Flask API: MethodView.dispatch_request)."""
    calls = []

    class Resource(target.views.MethodView):
        def get(self):
            calls.append(target.request.method)
            return "some body", {"X-From": "get"}

    app.add_url_rule("/r", view_func=Resource.as_view("r"))
    response = client.head("/r")

    assert response.status_code == 200
    assert response.headers["X-From"] == "get"
    assert response.data == b""
    assert calls == ["HEAD"]


def test_method_view_own_head_is_preferred(target, app, client):
    """A ``MethodView`` that defines ``head`` answers HEAD requests with it rather than with ``get`` (Flask API: MethodView.dispatch_request)."""

    class Resource(target.views.MethodView):
        def get(self):
            return "", {"X-From": "get"}

        def head(self):
            return "", {"X-From": "head"}

    app.add_url_rule("/r", view_func=Resource.as_view("r"))

    assert client.head("/r").headers["X-From"] == "head"


def test_method_view_undefined_verb_is_405_with_allow(target, app, client):
    """A request with a verb the ``MethodView`` does not implement is answered 405 with an ``Allow`` header listing the implemented verbs (Flask docs: Class-based Views)."""

    class ReadOnly(target.views.MethodView):
        def get(self):
            return ""

    app.add_url_rule("/ro", view_func=ReadOnly.as_view("ro"))
    response = client.put("/ro")

    assert response.status_code == 405
    allowed = {value.strip() for value in response.headers["Allow"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_method_view_url_variables_reach_the_verb_method(target, app, client):
    """``MethodView`` passes the URL variables to the verb method as keyword arguments (Flask API: MethodView.dispatch_request)."""

    class User(target.views.MethodView):
        def get(self, user_id):
            return f"user {user_id}"

        def delete(self, user_id):
            return f"deleted {user_id}"

    app.add_url_rule("/users/<int:user_id>", view_func=User.as_view("user"))

    assert client.get("/users/7").data == b"user 7"
    assert client.delete("/users/8").data == b"deleted 8"


def test_method_view_api_pattern_with_two_rules(target, app, client):
    """One ``MethodView`` registered on an item rule and a list rule serves both, with the verbs each rule allows (Flask docs: Class-based Views)."""

    class Api(target.views.MethodView):
        def get(self, item_id=None):
            return "list" if item_id is None else f"item {item_id}"

        def post(self):
            return "created", 201

    view = Api.as_view("api")
    app.add_url_rule("/items/", view_func=view, methods=["GET", "POST"])
    app.add_url_rule("/items/<int:item_id>", view_func=view, methods=["GET"])

    assert client.get("/items/").data == b"list"
    assert client.get("/items/3").data == b"item 3"
    assert client.post("/items/").status_code == 201
    assert client.post("/items/3").status_code == 405


def test_automatic_options_answers_with_allow(target, app, client):
    """An OPTIONS request to a ``MethodView`` without ``options`` is answered automatically with the allowed methods (Flask API: View.provide_automatic_options)."""

    class Resource(target.views.MethodView):
        def get(self):
            return "got"

        def post(self):
            return "posted"

    app.add_url_rule("/r", view_func=Resource.as_view("r"))
    response = client.options("/r")

    assert response.status_code == 200
    assert response.data == b""
    assert set(response.allow) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_provide_automatic_options_false_disables_options(target, app, client):
    """A view class with ``provide_automatic_options = False`` and no OPTIONS handler does not accept OPTIONS (Flask API: View.provide_automatic_options)."""

    class NoOptions(target.views.View):
        provide_automatic_options = False

        def dispatch_request(self):
            return "view"

    app.add_url_rule("/n", view_func=NoOptions.as_view("n"))

    assert client.options("/n").status_code == 405
    assert client.get("/n").data == b"view"


def test_method_view_options_method_handles_options(target, app, client):
    """A ``MethodView`` defining ``options`` with ``provide_automatic_options = False`` answers OPTIONS with that method (Flask API: View.provide_automatic_options)."""

    class Custom(target.views.MethodView):
        provide_automatic_options = False

        def get(self):
            return ""

        def options(self):
            return "custom options", {"Allow": "GET"}

    app.add_url_rule("/c", view_func=Custom.as_view("c"))
    response = client.options("/c")

    assert response.data == b"custom options"
    assert response.headers["Allow"] == "GET"


def test_as_view_copies_methods_and_options_flag(target):
    """The function made by ``as_view`` carries the class's ``methods`` and ``provide_automatic_options`` as attributes (Flask API: View.as_view)."""

    class Flagged(target.views.View):
        methods = ["GET", "POST"]
        provide_automatic_options = False

        def dispatch_request(self):
            return ""

    view = Flagged.as_view("flagged")

    assert view.methods == ["GET", "POST"]
    assert view.provide_automatic_options is False


def test_async_verb_methods_are_run(target, app, client):
    """``MethodView`` verb methods and a ``View``'s ``dispatch_request`` may be coroutine functions, which Flask runs to get the response (Flask docs: Using async and await)."""

    class AsyncResource(target.views.MethodView):
        async def get(self):
            return "async get"

    class AsyncPage(target.views.View):
        async def dispatch_request(self):
            return "async page"

    app.add_url_rule("/resource", view_func=AsyncResource.as_view("resource"))
    app.add_url_rule("/page", view_func=AsyncPage.as_view("page"))

    assert client.get("/resource").data == b"async get"
    assert client.get("/page").data == b"async page"
