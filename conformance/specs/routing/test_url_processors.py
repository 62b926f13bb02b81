"""Application-level URL processors: ``url_value_preprocessor`` and ``url_defaults``."""


def test_url_value_preprocessor_sees_endpoint_and_values(app, client):
    """A ``url_value_preprocessor`` is called with the matched endpoint and the converted view arguments (Flask API: Flask.url_value_preprocessor)."""
    seen = []

    @app.url_value_preprocessor
    def record(endpoint, values):
        seen.append((endpoint, dict(values)))

    @app.route("/posts/<int:post_id>")
    def post(post_id):
        return str(post_id)

    assert client.get("/posts/5").data == b"5"
    assert seen == [("post", {"post_id": 5})]


def test_url_value_preprocessor_can_pop_view_arguments(target, app, client):
    """Values a ``url_value_preprocessor`` removes from the dict are not passed to the view (Flask API: Flask.url_value_preprocessor)."""

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        target.g.lang = values.pop("lang")

    @app.route("/<lang>/about")
    def about():
        return f"about in {target.g.lang}"

    assert client.get("/de/about").data == b"about in de"


def test_url_value_preprocessor_runs_before_before_request(app, client):
    """URL value preprocessors run before ``before_request`` functions and the view (Flask API: Flask.url_value_preprocessor)."""
    order = []

    @app.before_request
    def before():
        order.append("before_request")

    @app.url_value_preprocessor
    def preprocess(endpoint, values):
        order.append("url_value_preprocessor")

    @app.route("/<name>")
    def view(name):
        order.append("view")
        return name

    client.get("/x")
    assert order == ["url_value_preprocessor", "before_request", "view"]


def test_url_defaults_fills_in_missing_values(target, app):
    """A ``url_defaults`` function can add values to the dict ``url_for`` builds from (Flask API: Flask.url_defaults)."""

    @app.url_defaults
    def add_lang(endpoint, values):
        values.setdefault("lang", "en")

    @app.route("/<lang>/about")
    def about():
        return ""

    with app.test_request_context():
        assert target.url_for("about") == "/en/about"
        assert target.url_for("about", lang="fr") == "/fr/about"


def test_url_defaults_receives_the_endpoint(target, app):
    """A ``url_defaults`` function is called with the endpoint being built and the values given to ``url_for`` (Flask API: Flask.url_defaults)."""
    seen = []

    @app.url_defaults
    def record(endpoint, values):
        seen.append((endpoint, dict(values)))

    @app.route("/page/<int:n>")
    def page(n):
        return ""

    with app.test_request_context():
        target.url_for("page", n=3, q="x")

    assert seen == [("page", {"n": 3, "q": "x"})]


def test_url_defaults_and_preprocessor_carry_a_value_between_urls(target, app, client):
    """A value pulled by a ``url_value_preprocessor`` and put back by ``url_defaults`` carries into URLs built during the request (Flask docs: Using URL Processors)."""

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = target.g.lang

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        target.g.lang = values.pop("lang", None)

    @app.route("/<lang>/")
    def index():
        return target.url_for("about")

    @app.route("/<lang>/about")
    def about():
        return ""

    assert client.get("/nl/").data == b"/nl/about"
