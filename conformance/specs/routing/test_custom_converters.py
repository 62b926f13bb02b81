"""Converters registered by the application in ``app.url_map.converters``."""

from werkzeug.routing import BaseConverter, ValidationError


class ListConverter(BaseConverter):
    """Comma-separated values in one path segment."""

    def to_python(self, value):
        return value.split(",")

    def to_url(self, value):
        return ",".join(super(ListConverter, self).to_url(item) for item in value)


class EvenConverter(BaseConverter):
    """Digits standing for an even number; odd numbers do not match."""

    regex = r"\d+"

    def to_python(self, value):
        number = int(value)
        if number % 2:
            raise ValidationError()
        return number

    def to_url(self, value):
        return str(value)


class PrefixConverter(BaseConverter):
    """A converter taking an argument in the rule."""

    def __init__(self, url_map, prefix):
        super().__init__(url_map)
        self.prefix = prefix

    def to_python(self, value):
        return self.prefix + value


def test_custom_converter_to_python_gives_the_view_its_value(app, client):
    """A converter registered in ``app.url_map.converters`` matches rules by name and its ``to_python`` result is the view argument (Flask API: Flask.url_map)."""
    app.url_map.converters["list"] = ListConverter

    @app.route("/tags/<list:tags>")
    def tags(tags):
        return {"tags": tags}

    assert client.get("/tags/a,b,c").get_json() == {"tags": ["a", "b", "c"]}


def test_custom_converter_to_url_builds_the_segment(target, app):
    """Building a URL turns a value into a path segment with the custom converter's ``to_url`` (Flask API: Flask.url_map)."""
    app.url_map.converters["list"] = ListConverter

    @app.route("/tags/<list:tags>")
    def tags(tags):
        return ""

    with app.test_request_context():
        assert target.url_for("tags", tags=["a b", "c"]) == "/tags/a%20b,c"


def test_custom_converter_validation_error_means_no_match(app, client):
    """A ``ValidationError`` raised by a converter's ``to_python`` makes the URL not match the rule (Flask API: Flask.url_map)."""
    app.url_map.converters["even"] = EvenConverter

    @app.route("/even/<even:number>")
    def even(number):
        return {"number": number}

    assert client.get("/even/4").get_json() == {"number": 4}
    assert client.get("/even/5").status_code == 404


def test_custom_converter_regex_limits_what_matches(app, client):
    """A converter's ``regex`` attribute decides which path text the variable part matches (Flask API: Flask.url_map)."""
    app.url_map.converters["even"] = EvenConverter

    @app.route("/even/<even:number>")
    def even(number):
        return {"number": number}

    assert client.get("/even/two").status_code == 404


def test_custom_converter_receives_rule_arguments(app, client):
    """Arguments written in the rule, as in ``<prefix('x-'):value>``, are passed to the converter's constructor (Flask API: Flask.url_map)."""
    app.url_map.converters["prefix"] = PrefixConverter

    @app.route("/code/<prefix('x-'):code>")
    def code(code):
        return code

    assert client.get("/code/42").data == b"x-42"


def test_custom_converter_can_replace_a_builtin_name(app, client):
    """Registering a converter under a built-in name such as ``int`` makes rules using that name use the new converter (Flask API: Flask.url_map)."""
    app.url_map.converters["int"] = EvenConverter

    @app.route("/n/<int:number>")
    def number(number):
        return {"number": number}

    assert client.get("/n/8").get_json() == {"number": 8}
    assert client.get("/n/7").status_code == 404
