"""What popping a request context leaves in the WSGI environ."""


def test_popping_a_request_context_clears_the_environ_request_reference(app):
    """Popping a request context sets its environ's ``werkzeug.request`` entry to ``None``, dropping the environ's reference to the request (Flask API: RequestContext.pop)."""
    with app.test_request_context() as context:
        environ = context.request.environ
        during = environ["werkzeug.request"] is context.request

    assert during is True
    assert environ["werkzeug.request"] is None
