"""``before_render_template`` and ``template_rendered``."""

import pytest


def test_render_template_sends_template_rendered(target, app):
    """Rendering a template by name sends ``template_rendered`` with the app as sender and the template and its context as ``template`` and ``context`` (Flask API: template_rendered)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with (
        target.signals.template_rendered.connected_to(receiver, app),
        app.test_request_context(),
    ):
        rendered = target.render_template("signals/hello.html", name="World")

    assert rendered == "Hello World!"
    assert len(calls) == 1
    sender, kwargs = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["context", "template"]
    assert kwargs["template"].name == "signals/hello.html"
    assert kwargs["context"]["name"] == "World"


def test_render_template_string_sends_template_rendered(target, app):
    """Rendering a template from a string sends ``template_rendered`` with the app as sender, the compiled template and its context (Flask API: render_template_string)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with (
        target.signals.template_rendered.connected_to(receiver, app),
        app.test_request_context(),
    ):
        rendered = target.render_template_string("Hi {{ who }}", who="there")

    assert rendered == "Hi there"
    assert len(calls) == 1
    sender, kwargs = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["context", "template"]
    assert kwargs["context"]["who"] == "there"
    assert kwargs["template"].render(who="again") == "Hi again"


def test_render_template_sends_before_render_template(target, app):
    """Rendering a template by name sends ``before_render_template`` with the app as sender and the template and its context (Flask API: before_render_template)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with (
        target.signals.before_render_template.connected_to(receiver, app),
        app.test_request_context(),
    ):
        target.render_template("signals/hello.html", name="Ada")

    assert len(calls) == 1
    sender, kwargs = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["context", "template"]
    assert kwargs["template"].name == "signals/hello.html"
    assert kwargs["context"]["name"] == "Ada"


def test_render_template_string_sends_before_render_template(target, app):
    """Rendering a template from a string sends ``before_render_template`` with the app as sender and the template and its context (Flask docs: Signals)."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    with (
        target.signals.before_render_template.connected_to(receiver, app),
        app.test_request_context(),
    ):
        target.render_template_string("{{ a }}-{{ b }}", a=1, b=2)

    assert len(calls) == 1
    sender, kwargs = calls[0]
    assert sender is app
    assert sorted(kwargs) == ["context", "template"]
    assert kwargs["context"]["a"] == 1
    assert kwargs["context"]["b"] == 2


def test_before_render_template_precedes_rendering_and_template_rendered_follows(target, app):
    """The ``before_render_template`` signal is sent before the template body is evaluated and ``template_rendered`` after it (Flask API: before_render_template)."""
    events = []

    def before(sender, template, context, **kwargs):
        events.append("before_render_template")

    def after(sender, template, context, **kwargs):
        events.append("template_rendered")

    def mark(what):
        events.append(what)
        return ""

    with (
        target.signals.before_render_template.connected_to(before, app),
        target.signals.template_rendered.connected_to(after, app),
        app.test_request_context(),
    ):
        target.render_template("signals/marked.html", mark=mark)

    assert events == ["before_render_template", "rendering", "template_rendered"]


def test_template_rendered_is_not_sent_when_rendering_fails(target, app):
    """A template whose rendering raises sends ``before_render_template`` but not ``template_rendered``, which means a successful render (Flask API: template_rendered)."""
    events = []

    def before(sender, **kwargs):
        events.append("before_render_template")

    def after(sender, **kwargs):
        events.append("template_rendered")

    def explode():
        raise LookupError("no such thing")

    with (
        target.signals.before_render_template.connected_to(before, app),
        target.signals.template_rendered.connected_to(after, app),
        app.test_request_context(),
        pytest.raises(LookupError),
    ):
        target.render_template("signals/broken.html", explode=explode)

    assert events == ["before_render_template"]


def test_signal_context_includes_context_processor_values(target, app):
    """The ``context`` sent with ``template_rendered`` holds the values injected by context processors beside the ones passed to the render call (Flask docs: Signals)."""
    contexts = []

    @app.context_processor
    def inject():
        return {"site": "Example"}

    def receiver(sender, template, context, **kwargs):
        contexts.append(dict(context))

    with (
        target.signals.template_rendered.connected_to(receiver, app),
        app.test_request_context(),
    ):
        target.render_template_string("{{ site }}/{{ page }}", page="home")

    assert len(contexts) == 1
    assert contexts[0]["site"] == "Example"
    assert contexts[0]["page"] == "home"


def test_before_render_template_receiver_can_change_the_context(target, app):
    """The ``context`` dict sent with ``before_render_template`` is the one the template renders with, so a receiver can change the variables (Flask API: before_render_template)."""

    def receiver(sender, template, context, **kwargs):
        context["name"] = "Receiver"

    with (
        target.signals.before_render_template.connected_to(receiver, app),
        app.test_request_context(),
    ):
        rendered = target.render_template("signals/hello.html", name="Caller")

    assert rendered == "Hello Receiver!"


def test_template_signals_are_sent_inside_an_app_context_without_request(target, app):
    """Rendering with only an application context pushed still sends both template signals with the app as sender (Flask API: render_template)."""
    senders = []

    def before(sender, **kwargs):
        senders.append(("before_render_template", sender))

    def after(sender, **kwargs):
        senders.append(("template_rendered", sender))

    with (
        target.signals.before_render_template.connected_to(before),
        target.signals.template_rendered.connected_to(after),
        app.app_context(),
    ):
        rendered = target.render_template("signals/hello.html", name="CLI")

    assert rendered == "Hello CLI!"
    assert senders == [("before_render_template", app), ("template_rendered", app)]


def test_templates_rendered_by_a_view_are_recorded_during_the_request(target, app, client):
    """A receiver of ``template_rendered`` records each template a view renders and its context while the request is handled (Flask docs: Signals)."""
    recorded = []

    @app.route("/page")
    def page():
        return target.render_template("signals/hello.html", name="Visitor")

    def receiver(sender, template, context, **kwargs):
        recorded.append((template.name, context["name"]))

    with target.signals.template_rendered.connected_to(receiver, app):
        response = client.get("/page")

    assert response.data == b"Hello Visitor!"
    assert recorded == [("signals/hello.html", "Visitor")]


def test_stream_template_sends_template_rendered_once_the_stream_is_consumed(target, app):
    """Streaming a template sends ``before_render_template`` at the call and ``template_rendered`` only after the whole stream has been generated (Flask API: stream_template)."""
    events = []

    def before(sender, template, **kwargs):
        events.append(("before_render_template", sender, template.name))

    def after(sender, template, **kwargs):
        events.append(("template_rendered", sender, template.name))

    with (
        target.signals.before_render_template.connected_to(before, app),
        target.signals.template_rendered.connected_to(after, app),
        app.test_request_context(),
    ):
        stream = target.stream_template("signals/hello.html", name="Stream")
        before_consuming = list(events)
        body = "".join(stream)

    assert body == "Hello Stream!"
    assert before_consuming == [("before_render_template", app, "signals/hello.html")]
    assert events == [
        ("before_render_template", app, "signals/hello.html"),
        ("template_rendered", app, "signals/hello.html"),
    ]
