"""The ``decorators`` class attribute of view classes."""


def test_decorators_wrap_the_generated_view(target, app, client):
    """Each function in ``decorators`` wraps the view function made by ``as_view`` (Flask API: View.decorators)."""

    def shout(view):
        def wrapper(**kwargs):
            return view(**kwargs).upper()

        return wrapper

    class Quiet(target.views.View):
        decorators = [shout]

        def dispatch_request(self):
            return "quiet"

    app.add_url_rule("/quiet", view_func=Quiet.as_view("quiet"))

    assert client.get("/quiet").data == b"QUIET"


def test_first_decorator_in_the_list_is_innermost(target, app, client):
    """The decorators are applied in list order, so the first one is closest to the view and the last one runs first (Flask API: View.decorators)."""

    def tag(name):
        def decorator(view):
            def wrapper(**kwargs):
                return f"{name}({view(**kwargs)})"

            return wrapper

        return decorator

    class Wrapped(target.views.View):
        decorators = [tag("inner"), tag("outer")]

        def dispatch_request(self):
            return "view"

    app.add_url_rule("/wrapped", view_func=Wrapped.as_view("wrapped"))

    assert client.get("/wrapped").data == b"outer(inner(view))"


def test_decorators_see_the_name_given_to_as_view(target):
    """Decorators receive a function already named after the ``as_view`` name, and the final function keeps that name and ``view_class`` (Flask API: View.as_view)."""
    seen = []

    def record(view):
        seen.append(view.__name__)
        return lambda **kwargs: view(**kwargs)

    class Named(target.views.View):
        decorators = [record]

        def dispatch_request(self):
            return ""

    view = Named.as_view("named_view")

    assert seen == ["named_view"]
    assert view.__name__ == "named_view"
    assert view.view_class is Named


def test_decorator_can_short_circuit_the_view(target, app, client):
    """A decorator in ``decorators`` may answer without calling the view, and the class is then never instantiated (Flask docs: Class-based Views)."""
    created = []

    def deny(view):
        def wrapper(**kwargs):
            return "denied", 403

        return wrapper

    class Secret(target.views.View):
        decorators = [deny]

        def __init__(self):
            created.append(self)

        def dispatch_request(self):
            return "secret"

    app.add_url_rule("/secret", view_func=Secret.as_view("secret"))
    response = client.get("/secret")

    assert (response.status_code, response.data) == (403, b"denied")
    assert created == []
