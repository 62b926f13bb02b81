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
