"""What ``test_request_context`` does with the files it is given."""

import io


def test_test_request_context_closes_the_files_it_was_given(app):
    """``app.test_request_context`` closes the file objects passed in ``data`` once it has built the environ, before the context is used (Flask API: Flask.test_request_context)."""
    upload = io.BytesIO(b"content")

    with app.test_request_context(method="POST", data={"file": (upload, "a.txt")}):
        closed_inside = upload.closed

    assert closed_inside is True
