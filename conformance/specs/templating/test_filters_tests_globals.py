"""Registering template filters, tests and globals on the application."""

from ._apps import templating_app


def _render(target, app, source, **context):
    with app.app_context():
        return target.render_template_string(source, **context)


def test_template_filter_decorator_uses_function_name(target):
    """``@app.template_filter()`` registers a filter under the function's name and returns the function unchanged (Flask API: Flask.template_filter)."""
    app = templating_app(target)

    def reverse(s):
        return s[::-1]

    assert app.template_filter()(reverse) is reverse
    assert app.jinja_env.filters["reverse"] is reverse
    assert _render(target, app, "{{ 'abc'|reverse }}") == "cba"


def test_template_filter_decorator_with_name(target):
    """``@app.template_filter(name)`` registers the filter under the given name (Flask API: Flask.template_filter)."""
    app = templating_app(target)

    @app.template_filter("shout")
    def upper_case(s):
        return s.upper() + "!"

    assert "upper_case" not in app.jinja_env.filters
    assert _render(target, app, "{{ 'hi'|shout }}") == "HI!"


def test_add_template_filter(target):
    """``add_template_filter`` registers a filter under the function's name or the given one (Flask API: Flask.add_template_filter)."""
    app = templating_app(target)

    def double(s):
        return s * 2

    app.add_template_filter(double)
    app.add_template_filter(double, "twice")

    assert _render(target, app, "{{ 'a'|double }}{{ 'b'|twice }}") == "aabb"


def test_template_test_decorator(target):
    """``@app.template_test()`` registers a test usable after ``is``, under the function's name or the given one (Flask API: Flask.template_test)."""
    app = templating_app(target)

    @app.template_test()
    def boolean(value):
        return isinstance(value, bool)

    @app.template_test("odd_number")
    def odd(value):
        return value % 2 == 1

    assert app.jinja_env.tests["boolean"] is boolean
    assert _render(target, app, "{{ x is boolean }} {{ 3 is odd_number }}", x=False) == "True True"


def test_add_template_test(target):
    """``add_template_test`` registers a test under the function's name or the given one (Flask API: Flask.add_template_test)."""
    app = templating_app(target)

    def short(value):
        return len(value) < 3

    app.add_template_test(short)
    app.add_template_test(short, "tiny")

    assert _render(target, app, "{{ 'ab' is short }} {{ 'abc' is tiny }}") == "True False"


def test_template_global_decorator(target):
    """``@app.template_global()`` makes a function callable from every template, under its name or the given one (Flask API: Flask.template_global)."""
    app = templating_app(target)

    @app.template_global()
    def add(a, b):
        return a + b

    @app.template_global("mul")
    def multiply(a, b):
        return a * b

    assert app.jinja_env.globals["add"] is add
    assert _render(target, app, "{{ add(1, 2) }} {{ mul(2, 3) }}") == "3 6"


def test_add_template_global(target):
    """``add_template_global`` registers a global under the function's name or the given one (Flask API: Flask.add_template_global)."""
    app = templating_app(target)

    def answer():
        return 42

    app.add_template_global(answer)
    app.add_template_global(answer, "forty_two")

    assert _render(target, app, "{{ answer() }} {{ forty_two() }}") == "42 42"


def test_jinja_env_globals_and_filters_can_be_extended(target):
    """Items added directly to ``app.jinja_env.globals`` and ``app.jinja_env.filters`` are available in templates (Flask API: Flask.jinja_env)."""
    app = templating_app(target)
    app.jinja_env.globals["site"] = "Example"
    app.jinja_env.filters["brackets"] = lambda s: f"[{s}]"

    assert _render(target, app, "{{ site|brackets }}") == "[Example]"


def test_filter_registered_after_first_render_applies(target):
    """A filter registered after templates were already rendered is used by later renders (Flask API: Flask.add_template_filter)."""
    app = templating_app(target)
    assert _render(target, app, "{{ 'a'|upper }}") == "A"

    app.add_template_filter(lambda s: s + s, "dup")

    assert _render(target, app, "{{ 'a'|dup }}") == "aa"
