"""Trailing slashes: the canonical URL, the 308 redirect and ``strict_slashes``."""

from urllib.parse import urlsplit


def _path_and_query(location):
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_rule_with_trailing_slash_matches_with_slash(app, client):
    """A rule ending in a slash matches the URL with the slash (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/projects/")
    def projects():
        return "projects"

    response = client.get("/projects/")
    assert response.status_code == 200
    assert response.data == b"projects"


def test_slashless_url_redirects_with_308_to_the_slash_rule(app, client):
    """Requesting a slash-terminated rule without its slash answers 308 with a ``Location`` of the URL with the slash (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/projects/")
    def projects():
        return "projects"

    response = client.get("/projects")
    assert response.status_code == 308
    assert _path_and_query(response.headers["Location"]) == "/projects/"


def test_slash_redirect_keeps_the_query_string(app, client):
    """The trailing-slash redirect carries the request's query string over to the new URL (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/projects/")
    def projects():
        return "projects"

    response = client.get("/projects?page=2&sort=name")
    assert response.status_code == 308
    assert _path_and_query(response.headers["Location"]) == "/projects/?page=2&sort=name"


def test_slash_redirect_keeps_variable_parts(app, client):
    """The trailing-slash redirect of a rule with a variable part keeps the matched value in the new URL (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/users/<name>/")
    def user(name):
        return name

    response = client.get("/users/alice")
    assert response.status_code == 308
    assert _path_and_query(response.headers["Location"]) == "/users/alice/"


def test_slash_redirect_preserves_method_and_body(target, app, client):
    """The 308 redirect lets a POST be repeated with its body at the slash URL (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/form/", methods=["POST"])
    def form():
        return f"{target.request.method} {target.request.get_data(as_text=True)}"

    assert client.post("/form", data="payload").status_code == 308
    response = client.post("/form", data="payload", follow_redirects=True)
    assert response.status_code == 200
    assert response.data == b"POST payload"


def test_rule_without_trailing_slash_rejects_slash_url(app, client):
    """A rule without a trailing slash does not match the URL with one added, which is 404 (Flask docs: Unique URLs / Redirection Behavior)."""

    @app.route("/about")
    def about():
        return "about"

    assert client.get("/about").status_code == 200
    assert client.get("/about/").status_code == 404


def test_strict_slashes_false_matches_both_forms_without_redirect(app, client):
    """With ``strict_slashes=False`` a slash-terminated rule answers the URL with and without the slash directly (Flask API: URL Route Registrations)."""

    @app.route("/loose/", strict_slashes=False)
    def loose():
        return "loose"

    without = client.get("/loose")
    assert without.status_code == 200
    assert without.data == b"loose"
    assert client.get("/loose/").data == b"loose"


def test_strict_slashes_false_lets_slashless_rule_match_slash_url(app, client):
    """With ``strict_slashes=False`` a rule without a trailing slash also answers the URL ending in a slash (Flask API: URL Route Registrations)."""

    @app.route("/plain", strict_slashes=False)
    def plain():
        return "plain"

    response = client.get("/plain/")
    assert response.status_code == 200
    assert response.data == b"plain"
