"""What ``request.files`` looks like in debug mode, where it gains a better error."""


def test_debug_mode_files_keep_their_class_name_and_stay_immutable(target, app, client):
    """In debug mode a form request's ``request.files`` still presents itself as an ``ImmutableMultiDict`` and refuses changes (Flask API: Request.files)."""
    app.debug = True
    seen = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        files = target.request.files
        seen["name"] = type(files).__name__
        try:
            files["new"] = "value"
        except TypeError:
            seen["refused"] = True
        return ""

    assert client.post("/upload", data={"field": "x"}).status_code == 200
    assert seen == {"name": "ImmutableMultiDict", "refused": True}


def test_debug_mode_files_class_keeps_the_module_of_the_undecorated_class(target, app, client):
    """In debug mode the class of a form request's ``request.files`` reports the same ``__name__`` and ``__module__`` as outside debug mode (Flask API: Request.files)."""
    seen = []

    @app.route("/upload", methods=["POST"])
    def upload():
        kind = type(target.request.files)
        seen.append((kind.__module__, kind.__name__))
        return ""

    client.post("/upload", data={"field": "x"})
    app.debug = True
    client.post("/upload", data={"field": "x"})

    assert len(seen) == 2
    assert seen[1] == seen[0]
    assert seen[0][1] == "ImmutableMultiDict"
