"""A ``before_request`` function returning a value ends request dispatching early."""


def test_before_request_return_value_replaces_the_view(app, client):
    """A non-None value returned by a ``before_request`` function becomes the response and later ``before_request`` functions and the view do not run (Flask API: Flask.before_request)."""
    log = []
    app.before_request(lambda: log.append("first"))
    app.before_request(lambda: "stopped")
    app.before_request(lambda: log.append("third"))

    @app.route("/")
    def view():
        log.append("view")
        return "view"

    response = client.get("/")
    assert response.status_code == 200
    assert response.data == b"stopped"
    assert log == ["first"]


def test_after_request_and_teardown_run_after_a_short_circuit(app, client):
    """After a ``before_request`` function returns a response, ``after_request`` functions still process it and ``teardown_request`` receives None (Flask docs: Application Structure and Lifecycle)."""
    log = []
    app.before_request(lambda: "early")

    def after(response):
        log.append(("after", response.get_data(as_text=True)))
        response.headers["X-After"] = "ran"
        return response

    app.after_request(after)
    app.teardown_request(lambda exc: log.append(("teardown", exc)))
    app.add_url_rule("/", "index", lambda: "view")

    response = client.get("/")
    assert response.headers["X-After"] == "ran"
    assert log == [("after", "early"), ("teardown", None)]


def test_before_request_return_value_is_converted_like_a_view_return_value(app, client):
    """A ``(body, status, headers)`` tuple returned by a ``before_request`` function is turned into a response like a view's return value (Flask API: Flask.before_request)."""
    app.before_request(lambda: ("denied", 403, {"X-Reason": "closed"}))
    app.add_url_rule("/", "index", lambda: "view")

    response = client.get("/")
    assert response.status_code == 403
    assert response.data == b"denied"
    assert response.headers["X-Reason"] == "closed"


def test_before_request_short_circuit_precedes_routing_errors(app, client):
    """A ``before_request`` return value is the response even for a URL no rule matches, since routing errors are raised only when the view is dispatched (Flask API: Flask.preprocess_request)."""
    app.before_request(lambda: ("maintenance", 503))

    response = client.get("/no-such-page")
    assert response.status_code == 503
    assert response.data == b"maintenance"


def test_before_request_returning_none_continues_to_the_view(app, client):
    """A ``before_request`` function returning None lets dispatching continue to the view (Flask API: Flask.before_request)."""
    app.before_request(lambda: None)
    app.add_url_rule("/", "index", lambda: "view")

    assert client.get("/").data == b"view"


def test_before_request_returning_an_empty_string_short_circuits(app, client):
    """Any value other than None stops dispatching, including an empty string (Flask API: Flask.preprocess_request)."""
    log = []
    app.before_request(lambda: "")

    @app.route("/")
    def view():
        log.append("view")
        return "view"

    response = client.get("/")
    assert response.data == b""
    assert log == []
