"""The function ``View.as_view`` makes carries the class's module."""


def test_as_view_function_takes_the_module_of_its_class(target):
    """The view function ``as_view`` returns has the ``__module__`` of its view class (Flask API: View.as_view)."""

    class Greeting(target.views.View):
        def dispatch_request(self):
            return "hello"

    view = Greeting.as_view("greeting")

    assert view.__module__ == Greeting.__module__ == __name__
