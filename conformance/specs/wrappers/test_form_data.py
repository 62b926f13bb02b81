"""``request.args``, ``form``, ``values``, ``files`` and ``cookies``."""

import io

import pytest


def test_args_keep_every_value_of_a_repeated_key(target, app):
    """``request.args`` holds every value of a repeated query key: indexing gives the first, ``getlist`` all of them (Flask API: Request.args)."""
    with app.test_request_context("/?tag=a&tag=b&one=1"):
        args = target.request.args
        assert args["tag"] == "a"
        assert args.getlist("tag") == ["a", "b"]
        assert args.getlist("missing") == []


def test_args_get_converts_with_type(target, app):
    """``request.args.get`` with ``type`` converts the value and falls back to the default when conversion fails (Flask API: Request.args)."""
    with app.test_request_context("/?n=7&word=x"):
        args = target.request.args
        assert args.get("n", type=int) == 7
        assert args.get("word", -1, type=int) == -1
        assert args.get("absent", "d") == "d"


def test_missing_args_key_answers_400(target, app, client):
    """Indexing ``request.args`` with a missing key in a view answers 400 Bad Request (Flask API: Request.args)."""

    @app.route("/")
    def index():
        return target.request.args["needed"]

    assert client.get("/").status_code == 400
    assert client.get("/?needed=yes").data == b"yes"


def test_missing_form_key_answers_400(target, app, client):
    """Indexing ``request.form`` with a missing key in a view answers 400 Bad Request (Flask API: Request.form)."""

    @app.route("/", methods=["POST"])
    def index():
        return target.request.form["needed"]

    assert client.post("/", data={"other": "1"}).status_code == 400


def test_values_combine_args_and_form_on_post(target, app):
    """On a POST, ``request.values`` combines query arguments first, then form fields (Flask API: Request.values)."""
    with app.test_request_context("/?a=q", method="POST", data={"a": "f", "b": "2"}):
        values = target.request.values
        assert values.getlist("a") == ["q", "f"]
        assert values["b"] == "2"


def test_values_leave_out_the_form_on_get(target, app):
    """On a GET, ``request.values`` holds only the query arguments even if a form body was sent (Flask API: Request.values)."""
    with app.test_request_context("/?a=q", method="GET", data={"a": "f", "b": "2"}):
        assert target.request.values.getlist("a") == ["q"]
        assert "b" not in target.request.values


def test_uploaded_file_is_a_file_storage(target, app, client):
    """A multipart upload appears in ``request.files`` as a ``FileStorage`` with its filename, content type and content (Flask API: Request.files)."""

    @app.route("/up", methods=["POST"])
    def upload():
        stored = target.request.files["doc"]
        return {
            "class": type(stored).__name__,
            "filename": stored.filename,
            "name": stored.name,
            "mimetype": stored.mimetype,
            "content": stored.read().decode(),
            "form": target.request.form.to_dict(),
        }

    response = client.post(
        "/up", data={"doc": (io.BytesIO(b"a,b\n"), "table.csv", "text/csv"), "note": "hi"}
    )

    assert response.get_json() == {
        "class": "FileStorage",
        "filename": "table.csv",
        "name": "doc",
        "mimetype": "text/csv",
        "content": "a,b\n",
        "form": {"note": "hi"},
    }


def test_several_files_under_one_field(target, app):
    """Several files sent under one field name are all returned by ``request.files.getlist`` (Flask API: Request.files)."""
    data = {"many": [(io.BytesIO(b"1"), "one.txt"), (io.BytesIO(b"2"), "two.txt")]}
    with app.test_request_context(method="POST", data=data):
        files = target.request.files.getlist("many")
        assert [stored.filename for stored in files] == ["one.txt", "two.txt"]
        assert [stored.read() for stored in files] == [b"1", b"2"]


def test_files_are_empty_for_a_urlencoded_body(target, app):
    """A form-encoded body fills ``request.form`` and leaves ``request.files`` empty (Flask API: Request.files)."""
    with app.test_request_context(method="POST", data={"doc": "table.csv"}):
        assert target.request.mimetype == "application/x-www-form-urlencoded"
        assert target.request.form["doc"] == "table.csv"
        assert len(target.request.files) == 0


def _file_key_view(app, target):
    @app.route("/up", methods=["POST"])
    def upload():
        try:
            target.request.files["doc"]
        except KeyError as error:
            return {
                "class": type(error).__name__,
                "assertion": isinstance(error, AssertionError),
                "message": str(error),
            }
        return {"class": None}


def test_missing_file_outside_debug_is_a_plain_bad_request_key_error(target, app, client):
    """Outside debug mode, a missing ``request.files`` key raises the usual 400 key error, without an enctype hint (Flask API: Request.files)."""
    _file_key_view(app, target)

    result = client.post("/up", data={"doc": "table.csv"}).get_json()

    assert result["class"] == "BadRequestKeyError"
    assert "enctype" not in result["message"]


def test_debug_missing_file_key_explains_the_missing_enctype(target, app, client):
    """In debug mode, a missing ``request.files`` key on a non-multipart request raises a KeyError naming the mimetype, ``enctype="multipart/form-data"`` and the submitted file names (Flask docs: Debugging Application Errors)."""
    app.debug = True
    _file_key_view(app, target)

    result = client.post("/up", data={"doc": "table.csv"}).get_json()

    assert result["assertion"] is True
    assert "'doc'" in result["message"]
    assert "application/x-www-form-urlencoded" in result["message"]
    assert 'enctype="multipart/form-data"' in result["message"]
    assert "'table.csv'" in result["message"]


def test_debug_missing_file_key_puts_the_submitted_names_in_their_own_paragraph(
    target, app, client
):
    """In debug mode, the missing-file explanation ends its first paragraph with a full stop, and the names the form sent follow after a blank line, apart from the enctype advice (Flask docs: Debugging Application Errors)."""
    app.debug = True
    _file_key_view(app, target)

    message = client.post("/up", data={"doc": ["a.csv", "b.csv"]}).get_json()["message"]
    advice, blank, names = message.partition("\n\n")

    assert blank == "\n\n"
    assert advice.endswith(".")
    assert "enctype" in advice and "'a.csv'" not in advice
    assert "'a.csv', 'b.csv'" in names and "enctype" not in names


def test_debug_no_enctype_hint_without_a_same_named_form_field(target, app, client):
    """In debug mode, a missing file key that is not a form field either raises the plain key error, without the enctype hint (Flask docs: Debugging Application Errors)."""
    app.debug = True
    _file_key_view(app, target)

    result = client.post("/up", data={"other": "x"}).get_json()

    assert result["class"] == "BadRequestKeyError"
    assert "enctype" not in result["message"]


def test_debug_multipart_missing_file_has_no_enctype_hint(target, app, client):
    """In debug mode, a missing ``request.files`` key on a multipart request raises the plain key error, since the enctype was right (Flask API: Request.files)."""
    app.debug = True
    _file_key_view(app, target)

    result = client.post("/up", data={"other": "x"}, content_type="multipart/form-data").get_json()

    assert result["class"] == "BadRequestKeyError"
    assert "enctype" not in result["message"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a=1; b=two", {"a": "1", "b": "two"}), ("", {}), ('q="x y"', {"q": "x y"})],
    ids=["two-cookies", "no-cookie", "quoted-value"],
)
def test_cookies_parse_the_cookie_header(target, app, header, expected):
    """``request.cookies`` maps the names of the request's ``Cookie`` header to their values (Flask API: Request.cookies)."""
    headers = {"Cookie": header} if header else {}
    with app.test_request_context(headers=headers):
        assert target.request.cookies.to_dict() == expected
