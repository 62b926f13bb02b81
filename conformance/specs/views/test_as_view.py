"""What ``View.as_view`` produces and how the view class is instantiated."""

import pytest


def test_dispatch_request_return_value_is_the_response(target, app, client):
    """A ``View`` subclass registered with ``as_view`` answers with what ``dispatch_request`` returns (Flask API: View.dispatch_request)."""

    class Hello(target.views.View):
        def dispatch_request(self):
            return "hello from a class"

    app.add_url_rule("/hello", view_func=Hello.as_view("hello"))

    assert client.get("/hello").data == b"hello from a class"


def test_as_view_name_is_the_endpoint(target, app):
    """The name given to ``as_view`` becomes the function's ``__name__`` and so the endpoint ``add_url_rule`` registers (Flask API: View.as_view)."""

    class Page(target.views.View):
        def dispatch_request(self):
            return "page"

    view = Page.as_view("my_page")
    app.add_url_rule("/page", view_func=view)

    assert view.__name__ == "my_page"
    assert app.view_functions["my_page"] is view
    with app.test_request_context():
        assert target.url_for("my_page") == "/page"


def test_as_view_exposes_the_class_and_its_docstring(target):
    """The function made by ``as_view`` carries the class as ``view_class`` and the class docstring as ``__doc__`` (Flask API: View.as_view)."""

    class Documented(target.views.View):
        """Shows a documented page."""

        def dispatch_request(self):
            return ""

    view = Documented.as_view("documented")

    assert view.view_class is Documented
    assert view.__doc__ == "Shows a documented page."


def test_as_view_forwards_constructor_arguments(target, app, client):
    """Positional and keyword arguments given to ``as_view`` after the name reach the class's ``__init__`` (Flask API: View.as_view)."""

    class Greeting(target.views.View):
        def __init__(self, word, punctuation="."):
            self.word = word
            self.punctuation = punctuation

        def dispatch_request(self):
            return self.word + self.punctuation

    app.add_url_rule("/hi", view_func=Greeting.as_view("hi", "hi", punctuation="!"))
    app.add_url_rule("/yo", view_func=Greeting.as_view("yo", "yo"))

    assert client.get("/hi").data == b"hi!"
    assert client.get("/yo").data == b"yo."


def test_url_variables_are_keyword_arguments_of_dispatch_request(target, app, client):
    """Variables of the URL rule are passed to ``dispatch_request`` as keyword arguments, converted by their converters (Flask API: View.dispatch_request)."""

    class Item(target.views.View):
        def dispatch_request(self, kind, number):
            return f"{kind}:{number + 1}"

    app.add_url_rule("/<kind>/<int:number>", view_func=Item.as_view("item"))

    assert client.get("/book/41").data == b"book:42"


def test_view_without_dispatch_request_raises_not_implemented(target, app):
    """A ``View`` subclass that does not override ``dispatch_request`` raises ``NotImplementedError`` when requested (Flask API: View.dispatch_request)."""

    class Unfinished(target.views.View):
        pass

    app.add_url_rule("/unfinished", view_func=Unfinished.as_view("unfinished"))
    app.config["PROPAGATE_EXCEPTIONS"] = True

    with pytest.raises(NotImplementedError):
        app.test_client().get("/unfinished")


def test_view_without_dispatch_request_is_500_when_not_propagating(target, app):
    """Without exception propagation, a view class lacking ``dispatch_request`` answers 500 (Flask API: View.dispatch_request)."""

    class Unfinished(target.views.View):
        pass

    app.add_url_rule("/unfinished", view_func=Unfinished.as_view("unfinished"))
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    assert app.test_client().get("/unfinished").status_code == 500


def test_view_registers_on_a_blueprint(target, app, client):
    """A class-based view added to a blueprint with ``add_url_rule`` is served under the blueprint's prefix and dotted endpoint (Flask docs: Class-based Views)."""

    class Listing(target.views.View):
        def dispatch_request(self):
            return target.request.endpoint

    bp = target.Blueprint("shop", __name__, url_prefix="/shop")
    bp.add_url_rule("/items", view_func=Listing.as_view("items"))
    app.register_blueprint(bp)

    assert client.get("/shop/items").data == b"shop.items"


def test_same_class_registered_twice_under_two_names(target, app, client):
    """One view class can be turned into several view functions with different names and arguments (Flask docs: Class-based Views)."""

    class Model(target.views.View):
        def __init__(self, model):
            self.model = model

        def dispatch_request(self):
            return self.model

    app.add_url_rule("/users", view_func=Model.as_view("users", "user"))
    app.add_url_rule("/posts", view_func=Model.as_view("posts", "post"))

    assert client.get("/users").data == b"user"
    assert client.get("/posts").data == b"post"
