"""Subscribing to Flask's signals: per sender, temporarily, and undoing it."""


def _app_with_view(target, name):
    other = target.Flask(name)

    @other.route("/")
    def index():
        return name

    return other


def test_receiver_connected_for_one_app_ignores_another(target, app, client):
    """A receiver connected with an app as sender gets that app's signals only, not those of another application (Flask docs: Signals)."""
    senders = []

    @app.route("/")
    def index():
        return "main"

    other = _app_with_view(target, "other_app")

    def receiver(sender, **kwargs):
        senders.append(sender)

    target.signals.request_started.connect(receiver, app)
    try:
        target.make_client(other).get("/")
        assert senders == []
        client.get("/")
        assert senders == [app]
    finally:
        target.signals.request_started.disconnect(receiver, app)


def test_receiver_connected_without_sender_gets_every_app(target, app, client):
    """A receiver connected with no sender gets the signal from every application (Flask docs: Signals)."""
    senders = []

    @app.route("/")
    def index():
        return "main"

    other = _app_with_view(target, "second_app")

    def receiver(sender, **kwargs):
        senders.append(sender)

    target.signals.request_finished.connect(receiver)
    try:
        client.get("/")
        target.make_client(other).get("/")
    finally:
        target.signals.request_finished.disconnect(receiver)

    assert senders == [app, other]


def test_connected_to_subscribes_only_inside_the_block(target, app, client):
    """Using ``signal.connected_to(receiver, app)`` subscribes the receiver for the ``with`` block only (Flask docs: Signals)."""
    paths = []

    @app.route("/<name>")
    def show(name):
        return name

    def receiver(sender, **kwargs):
        paths.append(target.request.path)

    client.get("/before")
    with target.signals.request_started.connected_to(receiver, app):
        client.get("/during")
    client.get("/after")

    assert paths == ["/during"]


def test_disconnect_stops_delivery(target, app):
    """After ``signal.disconnect(receiver)`` the receiver no longer gets the signal (Flask docs: Signals)."""
    count = []

    def receiver(sender, **kwargs):
        count.append(sender)

    target.signals.appcontext_pushed.connect(receiver, app)
    try:
        with app.app_context():
            pass
    finally:
        target.signals.appcontext_pushed.disconnect(receiver, app)
    with app.app_context():
        pass

    assert count == [app]


def test_connect_via_decorator_subscribes_for_the_app(target, app):
    """Decorating a function with ``signal.connect_via(app)`` subscribes the function to that app's signal (Flask docs: Signals)."""
    received = []

    @target.signals.message_flashed.connect_via(app)
    def when_flashed(sender, message, category, **kwargs):
        received.append((sender, message, category))

    try:
        with app.test_request_context():
            target.flash("via decorator", "info")
    finally:
        target.signals.message_flashed.disconnect(when_flashed, app)

    assert received == [(app, "via decorator", "info")]


def test_receiver_subscribed_through_top_level_name_gets_the_signal(target, app):
    """Subscribing through the top-level name, such as ``flask.template_rendered``, delivers the same signal Flask sends (Flask API: Signals)."""
    names = []

    def receiver(sender, template, context, **kwargs):
        names.append(template.name)

    with target.template_rendered.connected_to(receiver, app), app.app_context():
        target.render_template("signals/hello.html", name="top")

    assert names == ["signals/hello.html"]
