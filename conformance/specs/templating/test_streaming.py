"""``stream_template`` and ``stream_template_string``."""

import pytest

from ._apps import templating_app


def test_stream_template_returns_an_iterator_of_text(target):
    """``stream_template`` returns an iterator of strings whose concatenation is the rendered template (Flask API: stream_template)."""
    app = templating_app(target)
    with app.app_context():
        stream = target.stream_template("items.html", items=["<a>", "b"])
        assert not isinstance(stream, str)
        assert iter(stream) is stream
        assert "".join(stream) == "[&lt;a&gt;][b]"


def test_stream_template_string_returns_an_iterator(target):
    """``stream_template_string`` streams a template given as source text, autoescaped (Flask API: stream_template_string)."""
    app = templating_app(target)
    with app.app_context():
        stream = target.stream_template_string(
            "{% for i in n %}{{ i }},{% endfor %}{{ v }}", n=[1, 2], v="<"
        )
        assert not isinstance(stream, str)
        assert "".join(stream) == "1,2,&lt;"


def test_stream_template_accepts_a_list_of_names(target):
    """``stream_template`` given a list of names streams the first one that exists (Flask API: stream_template)."""
    app = templating_app(target)
    with app.app_context():
        assert "".join(target.stream_template(["missing.html", "second.html"])) == "second"


def test_streamed_template_keeps_the_request_context(target):
    """A template streamed from a view still sees ``request`` and ``session`` while the response body is generated, after the view returned (Flask docs: Streaming Contents)."""
    app = templating_app(target)

    @app.route("/stream")
    def stream():
        target.session["who"] = "streamer"
        source = "{% for i in items %}{{ i }}{{ request.args.sep }}{% endfor %}{{ session.who }}"
        return app.response_class(target.stream_template_string(source, items=[1, 2]))

    response = target.make_client(app).get("/stream?sep=;")

    assert response.data == b"1;2;streamer"


def test_streamed_template_sees_context_processors(target):
    """Context processor values are available to streamed templates (Flask API: stream_template)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "processor"})

    @app.route("/")
    def index():
        return target.stream_template_string("{{ who }}")

    assert target.make_client(app).get("/").data == b"processor"


def test_stream_template_outside_an_app_context_raises(target):
    """Calling ``stream_template`` with no application context raises ``RuntimeError`` (Flask API: stream_template)."""
    with pytest.raises(RuntimeError):
        target.stream_template_string("x")


def test_stream_template_sends_rendered_signal_after_generation(target):
    """A streamed template sends ``template_rendered`` only once its output has been generated to the end (Flask API: stream_template)."""
    app = templating_app(target)
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(context["value"])

    with target.template_rendered.connected_to(record, app):
        with app.app_context():
            stream = target.stream_template("escape.txt", value="done")
            assert rendered == []
            assert "".join(stream) == "done"

    assert rendered == ["done"]
