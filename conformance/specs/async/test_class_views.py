"""Class-based views whose methods are ``async def``."""

import asyncio


def test_async_method_view_methods(target, app, client):
    """``MethodView`` dispatches to ``async def`` methods named after the HTTP method (Flask docs: Using async and await)."""

    class Item(target.views.MethodView):
        async def get(self, n):
            await asyncio.sleep(0)
            return f"get {n}"

        async def post(self, n):
            return f"post {n}", 201

    app.add_url_rule("/item/<int:n>", view_func=Item.as_view("item"))

    assert client.get("/item/3").data == b"get 3"
    response = client.post("/item/4")
    assert response.status_code == 201
    assert response.data == b"post 4"


def test_async_method_view_mixes_sync_and_async_methods(target, app, client):
    """A ``MethodView`` can define some methods with ``def`` and others with ``async def`` (Flask API: MethodView)."""

    class Mixed(target.views.MethodView):
        def get(self):
            return "sync get"

        async def delete(self):
            return "async delete"

    app.add_url_rule("/mixed", view_func=Mixed.as_view("mixed"))

    assert client.get("/mixed").data == b"sync get"
    assert client.delete("/mixed").data == b"async delete"


def test_async_view_dispatch_request(target, app, client):
    """A ``View`` subclass whose ``dispatch_request`` is ``async def`` is awaited for each request (Flask API: View.dispatch_request)."""

    class Hello(target.views.View):
        init_every_request = False

        async def dispatch_request(self, name):
            await asyncio.sleep(0)
            return f"hello {name}"

    app.add_url_rule("/hello/<name>", view_func=Hello.as_view("hello"))

    assert client.get("/hello/world").data == b"hello world"


def test_async_view_dispatch_request_per_request_instance(target, app, client):
    """With ``init_every_request`` left on, an async ``View`` gets a new instance for every request (Flask API: View.init_every_request)."""
    instances = []

    class Counter(target.views.View):
        async def dispatch_request(self):
            instances.append(id(self))
            return str(len(instances))

    app.add_url_rule("/count", view_func=Counter.as_view("count"))
    client.get("/count")
    client.get("/count")

    assert len(instances) == 2
