"""The User-Agent the test client sends when none is given."""

from importlib.metadata import version


def test_test_client_sends_werkzeug_and_its_version_as_user_agent(target, app, client):
    """The test client sends ``User-Agent: Werkzeug/<installed Werkzeug version>`` unless told otherwise (Flask API: FlaskClient)."""

    @app.route("/agent")
    def agent():
        return target.request.headers["User-Agent"]

    assert client.get("/agent").get_data(as_text=True) == f"Werkzeug/{version('werkzeug')}"
