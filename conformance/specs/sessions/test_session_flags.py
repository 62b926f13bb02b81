"""The ``modified``, ``accessed``, ``new`` and ``permanent`` flags of the session."""


def test_reading_does_not_mark_the_session_modified(target, app, client):
    """Reading keys of a loaded session leaves ``session.modified`` false (Flask API: SessionMixin.modified)."""
    seen = []

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        return ""

    @app.route("/read")
    def read():
        target.session.get("a")
        assert "a" in target.session
        seen.append(target.session.modified)
        return ""

    client.get("/set")
    client.get("/read")

    assert seen == [False]


def test_setting_a_key_marks_the_session_modified(target, app, client):
    """Assigning a key in the session sets ``session.modified`` to true (Flask API: SessionMixin.modified)."""
    seen = []

    @app.route("/")
    def index():
        seen.append(target.session.modified)
        target.session["a"] = 1
        seen.append(target.session.modified)
        return ""

    client.get("/")

    assert seen == [False, True]


def test_deleting_a_key_marks_the_session_modified(target, app, client):
    """Deleting a key from the session sets ``session.modified`` to true (Flask API: SessionMixin.modified)."""
    seen = []

    @app.route("/set")
    def set_value():
        target.session["a"] = 1
        target.session["b"] = 2
        return ""

    @app.route("/delete")
    def delete():
        target.session.pop("a")
        seen.append(target.session.modified)
        return ""

    client.get("/set")
    client.get("/delete")

    assert seen == [True]


def test_mutating_a_nested_value_is_not_saved_on_its_own(target, app, client):
    """Changing a mutable value inside the session without setting ``modified`` is not saved to the cookie (Flask API: SessionMixin.modified)."""
    seen = []

    @app.route("/set")
    def set_value():
        target.session["items"] = [1]
        return ""

    @app.route("/append")
    def append():
        target.session["items"].append(2)
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session["items"])
        return ""

    client.get("/set")
    response = client.get("/append")
    client.get("/get")

    assert response.headers.getlist("Set-Cookie") == []
    assert seen == [[1]]


def test_setting_modified_saves_a_nested_mutation(target, app, client):
    """Setting ``session.modified = True`` after changing a nested mutable value saves the change to the cookie (Flask API: SessionMixin.modified)."""
    seen = []

    @app.route("/set")
    def set_value():
        target.session["items"] = [1]
        return ""

    @app.route("/append")
    def append():
        target.session["items"].append(2)
        target.session.modified = True
        return ""

    @app.route("/get")
    def get():
        seen.append(target.session["items"])
        return ""

    client.get("/set")
    client.get("/append")
    client.get("/get")

    assert seen == [[1, 2]]


def test_session_is_accessed_once_the_view_uses_it(target, app, client):
    """The session seen through the ``session`` proxy in a view reports ``accessed`` as true (Flask API: SessionMixin.accessed)."""
    seen = []

    @app.route("/")
    def index():
        seen.append(target.session.accessed)
        return ""

    client.get("/")

    assert seen == [True]


def test_cookie_session_never_reports_new(target, app, client):
    """The signed cookie session cannot tell a new session from an empty one, so ``session.new`` stays false with or without a cookie (Flask API: SecureCookieSession)."""
    seen = []

    @app.route("/")
    def index():
        seen.append(target.session.new)
        target.session["a"] = 1
        return ""

    client.get("/")
    client.get("/")

    assert seen == [False, False]


def test_session_is_not_permanent_by_default(target, app, client):
    """A session is not permanent unless ``session.permanent`` is set (Flask API: SessionMixin.permanent)."""
    seen = []

    @app.route("/")
    def index():
        seen.append(target.session.permanent)
        return ""

    client.get("/")

    assert seen == [False]


def test_permanent_is_stored_under_the_permanent_key(target, app, client):
    """Setting ``session.permanent`` stores the flag under the ``_permanent`` key of the session dict and marks it modified (Flask API: SessionMixin.permanent)."""
    seen = []

    @app.route("/")
    def index():
        target.session.permanent = True
        seen.append((dict(target.session), target.session.modified))
        return ""

    client.get("/")

    assert seen == [({"_permanent": True}, True)]


def test_permanent_flag_survives_later_requests(target, app, client):
    """A session marked permanent is still permanent in later requests that do not touch the flag (Flask API: SessionMixin.permanent)."""
    seen = []

    @app.route("/mark")
    def mark():
        target.session.permanent = True
        return ""

    @app.route("/check")
    def check():
        seen.append(target.session.permanent)
        return ""

    client.get("/mark")
    client.get("/check")
    client.get("/check")

    assert seen == [True, True]
