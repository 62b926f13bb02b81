"""Deferred setup: ``record`` and ``record_once`` callbacks and their setup state."""


def test_record_receives_setup_state(target, app):
    """A ``record`` callback is called at registration with a state whose ``app``, ``blueprint``, ``url_prefix``, ``options`` and ``first_registration`` describe that registration (Flask API: Blueprint.record)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/own")
    states = []
    bp.record(states.append)
    app.register_blueprint(bp, url_prefix="/given", extra="value")
    [state] = states
    assert state.app is app
    assert state.blueprint is bp
    assert state.url_prefix == "/given"
    assert state.options == {"url_prefix": "/given", "extra": "value"}
    assert state.first_registration is True


def test_state_url_prefix_defaults_to_blueprint_prefix(target, app):
    """Without a ``url_prefix`` option, the setup state's ``url_prefix`` is the blueprint's own (Flask API: Blueprint.make_setup_state)."""
    bp = target.Blueprint("bp", __name__, url_prefix="/own")
    prefixes = []
    bp.record(lambda state: prefixes.append(state.url_prefix))
    app.register_blueprint(bp)
    assert prefixes == ["/own"]


def test_record_runs_on_every_registration(target, app):
    """A ``record`` callback runs for each registration, ``first_registration`` being false the second time (Flask API: Blueprint.record)."""
    bp = target.Blueprint("bp", __name__)
    flags = []
    bp.record(lambda state: flags.append(state.first_registration))
    app.register_blueprint(bp)
    app.register_blueprint(bp, name="again", url_prefix="/again")
    assert flags == [True, False]


def test_record_once_runs_only_on_first_registration(target, app):
    """A ``record_once`` callback runs for the first registration on an application only (Flask API: Blueprint.record_once)."""
    bp = target.Blueprint("bp", __name__)
    calls = []
    bp.record_once(lambda state: calls.append(state.options.get("name")))
    app.register_blueprint(bp)
    app.register_blueprint(bp, name="again", url_prefix="/again")
    assert calls == [None]


def test_record_once_runs_once_per_application(target):
    """A ``record_once`` callback runs again when the blueprint is registered on a different application (Flask API: Blueprint.record_once)."""
    bp = target.Blueprint("bp", __name__)
    apps = []
    bp.record_once(lambda state: apps.append(state.app.name))
    target.make_app("first_app").register_blueprint(bp)
    target.make_app("second_app").register_blueprint(bp)
    assert apps == ["first_app", "second_app"]


def test_record_callbacks_run_in_declaration_order(target, app):
    """Deferred callbacks run in the order they were recorded (Flask API: Blueprint.record)."""
    bp = target.Blueprint("bp", __name__)
    order = []
    bp.record(lambda state: order.append("first"))
    bp.record_once(lambda state: order.append("second"))
    bp.record(lambda state: order.append("third"))
    app.register_blueprint(bp)
    assert order == ["first", "second", "third"]


def test_record_is_not_called_before_registration(target):
    """Recording a callback does not call it; only registration on an application does (Flask API: Blueprint.record)."""
    bp = target.Blueprint("bp", __name__)
    calls = []
    bp.record(calls.append)
    assert calls == []
    app = target.make_app("record_app")
    app.register_blueprint(bp)
    assert len(calls) == 1
