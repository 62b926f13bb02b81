"""The order in which request hooks, the view and request signals run at app level."""

from contextlib import ExitStack


def _connect_request_signals(target, app, log, stack):
    signals = target.signals
    for name in (
        "request_started",
        "request_finished",
        "request_tearing_down",
        "appcontext_tearing_down",
    ):

        def receiver(sender, _name=name, **extra):
            log.append(f"signal:{_name}")

        stack.enter_context(getattr(signals, name).connected_to(receiver, app))


def test_full_request_runs_hooks_view_and_signals_in_documented_order(target, app, client):
    """A request runs request_started, URL value preprocessors, before_request, the view, after_this_request, after_request, request_finished, teardown_request, request_tearing_down, teardown_appcontext, appcontext_tearing_down (Flask docs: Application Structure and Lifecycle)."""
    log = []

    @app.url_value_preprocessor
    def preprocess(endpoint, values):
        log.append("url_value_preprocessor")

    @app.before_request
    def before():
        log.append("before_request")

    @app.after_request
    def after(response):
        log.append("after_request")
        return response

    @app.teardown_request
    def teardown(exc):
        log.append("teardown_request")

    @app.teardown_appcontext
    def teardown_app(exc):
        log.append("teardown_appcontext")

    @app.route("/")
    def view():
        log.append("view")

        @target.after_this_request
        def once(response):
            log.append("after_this_request")
            return response

        return "ok"

    with ExitStack() as stack:
        _connect_request_signals(target, app, log, stack)
        response = client.get("/")

    assert response.status_code == 200
    assert log == [
        "signal:request_started",
        "url_value_preprocessor",
        "before_request",
        "view",
        "after_this_request",
        "after_request",
        "signal:request_finished",
        "teardown_request",
        "signal:request_tearing_down",
        "teardown_appcontext",
        "signal:appcontext_tearing_down",
    ]


def test_before_request_functions_run_in_registration_order(app, client):
    """Functions registered with ``before_request`` run in the order they were registered (Flask API: Flask.before_request)."""
    log = []
    for name in ("first", "second", "third"):
        app.before_request(lambda name=name: log.append(name))
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["first", "second", "third"]


def test_after_request_functions_run_in_reverse_registration_order(app, client):
    """Functions registered with ``after_request`` run in the reverse of their registration order (Flask API: Flask.after_request)."""
    log = []
    for name in ("first", "second", "third"):

        def after(response, name=name):
            log.append(name)
            return response

        app.after_request(after)
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["third", "second", "first"]


def test_teardown_request_functions_run_in_reverse_registration_order(app, client):
    """Functions registered with ``teardown_request`` run in the reverse of their registration order (Flask API: Flask.teardown_request)."""
    log = []
    for name in ("first", "second", "third"):
        app.teardown_request(lambda exc, name=name: log.append(name))
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["third", "second", "first"]


def test_teardown_appcontext_functions_run_in_reverse_registration_order(app, client):
    """Functions registered with ``teardown_appcontext`` run in the reverse of their registration order (Flask API: Flask.teardown_appcontext)."""
    log = []
    for name in ("first", "second", "third"):
        app.teardown_appcontext(lambda exc, name=name: log.append(name))
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["third", "second", "first"]


def test_after_this_request_functions_run_in_registration_order_before_after_request(
    target, app, client
):
    """Functions given to ``after_this_request`` run in registration order, before every ``after_request`` function (Flask API: after_this_request)."""
    log = []

    @app.after_request
    def after(response):
        log.append("after_request")
        return response

    @app.route("/")
    def view():
        for name in ("once-1", "once-2"):

            def once(response, name=name):
                log.append(name)
                return response

            target.after_this_request(once)
        return "ok"

    client.get("/")
    assert log == ["once-1", "once-2", "after_request"]


def test_after_this_request_registered_in_before_request_runs(target, app, client):
    """A function given to ``after_this_request`` from a ``before_request`` function modifies the response of that request (Flask API: after_this_request)."""

    @app.before_request
    def before():
        @target.after_this_request
        def tag(response):
            response.headers["X-Tagged"] = "yes"
            return response

    app.add_url_rule("/", "index", lambda: "ok")

    assert client.get("/").headers["X-Tagged"] == "yes"


def test_after_this_request_applies_to_one_request_only(target, app, client):
    """A function given to ``after_this_request`` runs only for the request that registered it (Flask API: after_this_request)."""
    calls = []

    @app.route("/register")
    def register():
        target.after_this_request(lambda response: calls.append("once") or response)
        return "registered"

    app.add_url_rule("/plain", "plain", lambda: "plain")

    client.get("/register")
    client.get("/plain")
    assert calls == ["once"]


def test_url_value_preprocessor_receives_endpoint_and_view_args(app, client):
    """A URL value preprocessor is called with the matched endpoint and the dict of view arguments (Flask API: Flask.url_value_preprocessor)."""
    seen = []

    @app.url_value_preprocessor
    def preprocess(endpoint, values):
        seen.append((endpoint, dict(values)))

    @app.route("/<lang>/page/<int:number>", endpoint="page")
    def page(lang, number):
        return "ok"

    client.get("/de/page/3")
    assert seen == [("page", {"lang": "de", "number": 3})]


def test_url_value_preprocessor_can_remove_a_view_argument(target, app, client):
    """A value a URL value preprocessor pops from the view arguments is not passed to the view (Flask docs: Using URL Processors)."""

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        target.g.lang = values.pop("lang")

    @app.route("/<lang>/about")
    def about():
        return f"{target.g.lang}:{sorted(target.request.view_args)}"

    assert client.get("/fr/about").data == b"fr:[]"


def test_all_url_value_preprocessors_run_before_any_before_request(app, client):
    """Every URL value preprocessor runs before the first ``before_request`` function, whatever the registration order (Flask API: Flask.preprocess_request)."""
    log = []
    app.before_request(lambda: log.append("before"))
    app.url_value_preprocessor(lambda endpoint, values: log.append("preprocess-1"))
    app.url_value_preprocessor(lambda endpoint, values: log.append("preprocess-2"))
    app.add_url_rule("/", "index", lambda: "ok")

    client.get("/")
    assert log == ["preprocess-1", "preprocess-2", "before"]


def test_after_request_function_can_replace_the_response(target, app, client):
    """The response an ``after_request`` function returns is the one passed on and sent (Flask API: Flask.after_request)."""

    @app.after_request
    def outer(response):
        response.headers["X-Seen-Body"] = response.get_data(as_text=True)
        return response

    @app.after_request
    def replace(response):
        return target.Response("replaced", status=202)

    app.add_url_rule("/", "index", lambda: "original")

    response = client.get("/")
    assert response.status_code == 202
    assert response.data == b"replaced"
    assert response.headers["X-Seen-Body"] == "replaced"


def test_request_finished_signal_receives_the_processed_response(target, app, client):
    """The ``request_finished`` signal is sent with the response as already changed by ``after_request`` functions (Flask API: request_finished)."""
    seen = []

    @app.after_request
    def add_header(response):
        response.headers["X-After"] = "1"
        return response

    app.add_url_rule("/", "index", lambda: "ok")

    def receiver(sender, response, **extra):
        seen.append((sender, response.headers.get("X-After")))

    with target.signals.request_finished.connected_to(receiver, app):
        client.get("/")
    assert seen == [(app, "1")]


def test_app_hooks_run_for_a_url_no_rule_matches(app, client):
    """App ``before_request``, ``after_request`` and ``teardown_request`` functions also run for a request that ends in 404 because no rule matches (Flask API: Flask.preprocess_request)."""
    log = []
    app.before_request(lambda: log.append("before"))
    app.after_request(lambda response: log.append("after") or response)
    app.teardown_request(lambda exc: log.append("teardown"))

    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert log == ["before", "after", "teardown"]


def test_generator_body_runs_after_teardown(app, client):
    """A generator returned by a view is consumed only after ``after_request`` and ``teardown_request`` functions ran (Flask docs: Streaming Contents)."""
    log = []
    app.after_request(lambda response: log.append("after_request") or response)
    app.teardown_request(lambda exc: log.append("teardown_request"))

    @app.route("/stream")
    def stream():
        def generate():
            log.append("generator-start")
            yield "a"
            log.append("generator-end")
            yield "b"

        return generate()

    response = client.get("/stream")
    assert response.data == b"ab"
    assert log == ["after_request", "teardown_request", "generator-start", "generator-end"]


def test_teardown_appcontext_runs_when_a_bare_app_context_ends(app):
    """Leaving an application context pushed without a request calls ``teardown_appcontext`` functions with None and no ``teardown_request`` function (Flask docs: The Application Context)."""
    log = []
    app.teardown_appcontext(lambda exc: log.append(("appcontext", exc)))
    app.teardown_request(lambda exc: log.append(("request", exc)))

    with app.app_context():
        pass
    assert log == [("appcontext", None)]


def test_test_request_context_runs_teardown_functions_on_exit(app):
    """Leaving a ``test_request_context`` block calls ``teardown_request`` then ``teardown_appcontext`` functions with None (Flask docs: The Request Context)."""
    log = []
    app.teardown_appcontext(lambda exc: log.append(("appcontext", exc)))
    app.teardown_request(lambda exc: log.append(("request", exc)))

    with app.test_request_context("/"):
        pass
    assert log == [("request", None), ("appcontext", None)]


def test_do_teardown_request_without_argument_passes_the_exception_being_handled(app):
    """``app.do_teardown_request()`` called without an argument passes the exception currently being handled to the ``teardown_request`` functions (Flask API: Flask.do_teardown_request)."""
    seen = []
    app.teardown_request(seen.append)
    error = ValueError("being handled")

    with app.test_request_context():
        try:
            raise error
        except ValueError:
            app.do_teardown_request()

    assert seen[0] is error
