"""A function wrapped by ``copy_current_request_context`` runs in a copy, not the original."""


def test_after_this_request_in_a_copied_context_leaves_the_response_alone(target, app, client):
    """``after_this_request`` called inside a ``copy_current_request_context`` function registers on the copy, so the outer request's response does not get it (Flask API: copy_current_request_context)."""

    @app.route("/")
    def index():
        @target.copy_current_request_context
        def in_copy():
            @target.after_this_request
            def mark(response):
                response.headers["X-Marked"] = "yes"
                return response

            return target.request.path

        return in_copy()

    response = client.get("/")

    assert response.get_data(as_text=True) == "/"
    assert "X-Marked" not in response.headers
