"""Streaming rendered templates with ``stream_template`` and ``stream_template_string``."""

from conformance.paths import APPS_DIR

ROOT = APPS_DIR / "streaming"


def _app(target):
    app = target.make_app("streaming_site", root_path=str(ROOT))
    app.config["TESTING"] = True
    return app


def test_stream_template_renders_in_pieces(target):
    """``stream_template`` renders a template file as an iterator of strings streamed as the body (Flask API: stream_template)."""
    app = _app(target)
    app.add_url_rule("/", "index", lambda: target.stream_template("items.html", items=[1, 2]))

    response = target.make_client(app).get("/", buffered=False)
    chunks = list(response.response)
    response.close()

    assert response.is_streamed
    assert len(chunks) > 1
    assert b"".join(chunks) == b"<ul><li>1</li><li>2</li></ul>"


def test_stream_template_keeps_the_request(target):
    """A streamed template can use ``request`` while it renders after the view returned (Flask API: stream_template)."""
    app = _app(target)
    app.add_url_rule("/", "index", lambda: target.stream_template("items.html", items=[]))

    response = target.make_client(app).get("/?who=ada")

    assert response.data == b"<ul></ul>ada"


def test_stream_template_string(target, app, client):
    """``stream_template_string`` streams a template given as source, with the context variables and ``request`` (Flask API: stream_template_string)."""
    app.add_url_rule(
        "/s", "s", lambda: target.stream_template_string("{{ n }} at {{ request.path }}", n=3)
    )

    assert client.get("/s").data == b"3 at /s"


def test_stream_template_outside_request_is_a_plain_iterator(target):
    """Outside a request, ``stream_template`` in an app context returns an iterator rendering the template lazily (Flask API: stream_template)."""
    app = _app(target)
    with app.app_context():
        stream = target.stream_template_string("{{ a }}{{ b }}", a="x", b="y")
        assert "".join(stream) == "xy"


def test_template_rendered_signal_sent_after_the_stream(target):
    """The ``template_rendered`` signal of a streamed template is sent when the stream finishes, not when it is created (Flask API: stream_template)."""
    app = _app(target)
    log = []

    @app.route("/")
    def index():
        def generate():
            stream = target.stream_template("items.html", items=[1])
            log.append("stream created")
            yield from stream
            log.append("stream finished")

        return target.stream_with_context(generate())

    def rendered(sender, template, context, **extra):
        log.append("template_rendered")

    with target.template_rendered.connected_to(rendered, app):
        body = target.make_client(app).get("/").data

    assert body == b"<ul><li>1</li></ul>"
    assert log == ["stream created", "template_rendered", "stream finished"]
