"""Flask's sentence when the session is used without a secret key."""

import pytest


def test_session_without_secret_key_message(target):
    """Writing to the session of an app without a secret key raises RuntimeError with exactly Flask's two sentences (Flask API: NullSession)."""
    app = target.Flask("conformance_wording_null_session")
    app.config["TESTING"] = True

    @app.route("/")
    def remember():
        target.session["user"] = "ada"
        return "kept"

    with pytest.raises(RuntimeError) as raised:
        app.test_client().get("/")
    assert str(raised.value) == (
        "The session is unavailable because no secret key was set.  Set the secret_key on the"
        " application to something unique and secret."
    )
