"""Context processors: injected values, their order and what wins."""

from ._apps import templating_app


def _render(target, app, source, **context):
    with app.test_request_context():
        return target.render_template_string(source, **context)


def test_context_processor_injects_values(target):
    """A function registered with ``context_processor`` adds the items of the dict it returns to every template context (Flask docs: Context Processors)."""
    app = templating_app(target)

    @app.context_processor
    def inject():
        return {"user": "ann"}

    assert _render(target, app, "{{ user }}") == "ann"


def test_context_processor_can_inject_functions(target):
    """A context processor can inject a function that templates call (Flask docs: Context Processors)."""
    app = templating_app(target)
    app.context_processor(lambda: {"price": lambda amount: f"{amount:.2f} EUR"})

    assert _render(target, app, "{{ price(3) }}") == "3.00 EUR"


def test_context_processor_runs_per_render(target):
    """Context processors run again for each rendered template (Flask docs: Context Processors)."""
    app = templating_app(target)
    counter = []

    @app.context_processor
    def count():
        counter.append(1)
        return {"n": len(counter)}

    assert _render(target, app, "{{ n }}") == "1"
    assert _render(target, app, "{{ n }}") == "2"


def test_render_arguments_beat_context_processors(target):
    """A value passed to the render call wins over a context processor's value of the same name (Flask API: Flask.update_template_context)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "processor"})

    assert _render(target, app, "{{ who }}", who="argument") == "argument"


def test_later_context_processor_overrides_earlier(target):
    """When two context processors provide the same name, the one registered later wins (Flask API: Flask.context_processor)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "first", "a": 1})
    app.context_processor(lambda: {"who": "second", "b": 2})

    assert _render(target, app, "{{ who }} {{ a }} {{ b }}") == "second 1 2"


def test_context_processor_overrides_standard_values(target):
    """A context processor may replace a standard context value such as ``g`` (Flask API: Flask.context_processor)."""
    app = templating_app(target)
    app.context_processor(lambda: {"g": "replaced"})

    assert _render(target, app, "{{ g }}") == "replaced"


def test_context_processor_runs_without_a_request(target):
    """Application context processors also apply to templates rendered with only an application context (Flask API: Flask.context_processor)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "app"})
    with app.app_context():
        assert target.render_template_string("{{ who }}") == "app"


def test_context_processor_returning_empty_dict(target):
    """A context processor returning an empty dict adds nothing and leaves other values intact (Flask docs: Context Processors)."""
    app = templating_app(target)
    app.context_processor(lambda: {})

    assert _render(target, app, "{{ x }}{{ missing is defined }}", x="x") == "xFalse"


def test_update_template_context_fills_a_dict(target):
    """``update_template_context`` adds the context processors' values and the standard values to a dict in place, keeping existing keys (Flask API: Flask.update_template_context)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "processor", "extra": 1})
    context = {"who": "mine"}

    with app.test_request_context("/path"):
        app.update_template_context(context)
        assert context["request"].path == "/path"

    assert context["who"] == "mine"
    assert context["extra"] == 1
    assert "g" in context


def test_update_template_context_without_any_context(target):
    """``update_template_context`` called with no context pushed adds the context processors' values but no ``g`` or ``request`` (Flask API: Flask.update_template_context)."""
    app = templating_app(target)
    app.context_processor(lambda: {"who": "processor"})
    context = {}

    app.update_template_context(context)

    assert context == {"who": "processor"}
