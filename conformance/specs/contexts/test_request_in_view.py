"""What a view sees through the context proxies."""


def test_view_sees_request_path_args_and_method(target, app, client):
    """Inside a view, ``request`` shows the path, query arguments and method of the request being handled (Flask API: flask.request)."""

    @app.route("/items/list", methods=["GET", "PATCH"])
    def items():
        request = target.request
        return (
            f"{request.method} {request.path} {request.args.getlist('k')} {request.args.get('q')}"
        )

    assert client.get("/items/list?k=1&k=2&q=x").data == b"GET /items/list ['1', '2'] x"
    assert client.patch("/items/list").data == b"PATCH /items/list [] None"


def test_view_sees_current_app_and_both_contexts(target, app, client):
    """While a view runs, ``current_app`` is the handling app and both an app and a request context are active (Flask docs: The Request Context)."""
    seen = []

    @app.route("/where")
    def where():
        seen.append(
            (
                target.current_app._get_current_object(),
                target.has_app_context(),
                target.has_request_context(),
            )
        )
        return "here"

    assert client.get("/where").data == b"here"
    assert seen == [(app, True, True)]


def test_view_sees_endpoint_and_view_args(target, app, client):
    """Inside a view, ``request.endpoint`` and ``request.view_args`` describe the matched rule (Flask API: Request.view_args)."""

    @app.route("/post/<slug>/<int:page>", endpoint="post_page")
    def post(slug, page):
        request = target.request
        return f"{request.endpoint} {sorted(request.view_args.items())}"

    assert client.get("/post/hello/3").data == b"post_page [('page', 3), ('slug', 'hello')]"


def test_view_sees_form_and_headers(target, app, client):
    """Inside a view, ``request.form`` holds the posted form fields and ``request.headers`` the sent headers (Flask API: flask.request)."""

    @app.route("/form", methods=["POST"])
    def form():
        request = target.request
        return f"{request.form['field']} {request.headers['X-Custom']}"

    response = client.post("/form", data={"field": "value"}, headers={"X-Custom": "yes"})
    assert response.data == b"value yes"


def test_each_request_sees_its_own_request(target, app, client):
    """Successive requests each see only their own ``request`` data in the view (Flask docs: The Request Context)."""

    @app.route("/echo")
    def echo():
        return target.request.args.get("v", "none")

    assert client.get("/echo?v=one").data == b"one"
    assert client.get("/echo").data == b"none"
