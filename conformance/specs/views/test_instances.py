"""``init_every_request``: a new view instance per request, or one for all."""


def _counting_view(target, every_request):
    created = []

    class Counter(target.views.View):
        init_every_request = every_request

        def __init__(self):
            created.append(self)
            self.hits = 0

        def dispatch_request(self):
            self.hits += 1
            return str(self.hits)

    return Counter, created


def test_new_instance_for_every_request_by_default(target, app, client):
    """By default ``as_view`` creates a new instance of the class for each request, so state on ``self`` starts fresh (Flask API: View.init_every_request)."""
    Counter, created = _counting_view(target, True)
    app.add_url_rule("/count", view_func=Counter.as_view("count"))

    assert created == []
    assert [client.get("/count").data for _ in range(3)] == [b"1", b"1", b"1"]
    assert len(created) == 3


def test_single_instance_when_init_every_request_is_false(target, app, client):
    """With ``init_every_request = False`` the instance is created once by ``as_view`` and reused for every request (Flask API: View.init_every_request)."""
    Counter, created = _counting_view(target, False)
    view = Counter.as_view("count")
    assert len(created) == 1
    app.add_url_rule("/count", view_func=view)

    assert [client.get("/count").data for _ in range(3)] == [b"1", b"2", b"3"]
    assert len(created) == 1


def test_view_class_is_looked_up_on_each_request(target, app, client):
    """With a new instance per request, the view function instantiates whatever class its ``view_class`` attribute holds (Flask API: View.as_view)."""

    class Real(target.views.View):
        def dispatch_request(self):
            return "real"

    class StandIn(target.views.View):
        def dispatch_request(self):
            return "stand-in"

    view = Real.as_view("thing")
    app.add_url_rule("/thing", view_func=view)
    view.view_class = StandIn

    assert client.get("/thing").data == b"stand-in"
