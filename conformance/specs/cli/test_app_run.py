"""``Flask.run``: the development server entry point, observed through Werkzeug's ``run_simple``."""

import pytest
import werkzeug.serving


@pytest.fixture
def served(monkeypatch, tmp_path):
    """Record the calls ``app.run`` makes to ``werkzeug.serving.run_simple`` instead of serving."""
    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *a, **k: calls.append((a, k)))
    monkeypatch.chdir(tmp_path)  # no .env or .flaskenv file to find
    return calls


def test_run_serves_the_app_on_localhost_port_5000_by_default(target, served):
    """``app.run()`` hands the application itself to Werkzeug's server on 127.0.0.1:5000 (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.run(load_dotenv=False)

    ((arguments, _),) = served
    assert arguments[:2] == ("127.0.0.1", 5000)
    assert arguments[2] is app


def test_run_defaults_to_threaded_without_reloader_or_debugger(target, served):
    """Outside debug mode ``app.run()`` asks for a threaded server with neither reloader nor debugger (Flask API: Flask.run)."""
    target.Flask("conformance_run").run(load_dotenv=False)

    ((_, options),) = served
    assert options == {"threaded": True, "use_reloader": False, "use_debugger": False}


def test_run_takes_host_and_port_from_server_name(target, served):
    """Without explicit arguments ``app.run()`` listens on the host and port of ``SERVER_NAME`` (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.config["SERVER_NAME"] = "example.test:8080"
    app.run(load_dotenv=False)

    assert served[0][0][:2] == ("example.test", 8080)


def test_run_keeps_port_5000_for_a_server_name_without_port(target, served):
    """A ``SERVER_NAME`` without a port gives its host and the default port 5000 to ``app.run()`` (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.config["SERVER_NAME"] = "example.test"
    app.run(load_dotenv=False)

    assert served[0][0][:2] == ("example.test", 5000)


def test_run_arguments_win_over_server_name(target, served):
    """Host and port given to ``app.run()`` take precedence over ``SERVER_NAME`` (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.config["SERVER_NAME"] = "example.test:8080"
    app.run(host="0.0.0.0", port=9000, load_dotenv=False)

    assert served[0][0][:2] == ("0.0.0.0", 9000)


def test_run_converts_a_string_port_to_an_integer(target, served):
    """A port given to ``app.run()`` as a string reaches the server as an integer (Flask API: Flask.run)."""
    target.Flask("conformance_run").run(port="8001", load_dotenv=False)

    assert served[0][0][:2] == ("127.0.0.1", 8001)


def test_run_with_debug_turns_on_debug_reloader_and_debugger(target, served):
    """``app.run(debug=True)`` sets ``app.debug`` and turns on the reloader and the debugger (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.run(debug=True, load_dotenv=False)

    ((_, options),) = served
    assert app.debug is True
    assert options["use_reloader"] is True
    assert options["use_debugger"] is True


def test_run_forwards_server_options_and_keeps_explicit_ones(target, served):
    """Extra keyword arguments of ``app.run()`` reach ``run_simple`` and win over its debug defaults (Flask API: Flask.run)."""
    target.Flask("conformance_run").run(
        debug=True, use_reloader=False, use_evalex=False, load_dotenv=False
    )

    ((_, options),) = served
    assert options["use_reloader"] is False
    assert options["use_evalex"] is False
    assert options["use_debugger"] is True


def test_run_reads_flask_debug_from_the_environment(target, served, monkeypatch):
    """``app.run()`` switches debug mode on when ``FLASK_DEBUG`` is set, since it loads the environment (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.debug = False
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app.run()

    assert app.debug is True
    assert served[0][1]["use_debugger"] is True


def test_run_without_load_dotenv_ignores_flask_debug(target, served, monkeypatch):
    """``app.run(load_dotenv=False)`` leaves debug mode alone even when ``FLASK_DEBUG`` is set (Flask API: Flask.run)."""
    app = target.Flask("conformance_run")
    app.debug = False
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app.run(load_dotenv=False)

    assert app.debug is False


def test_run_is_ignored_under_the_flask_command(target, served, monkeypatch, capsys):
    """``app.run()`` returns without serving, and says so, when the ``flask`` command is running (Flask docs: Command Line Interface)."""
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    result = target.Flask("conformance_run").run()

    assert result is None
    assert served == []
    assert "app.run()" in capsys.readouterr().out


def test_run_prints_the_server_banner_before_serving(target, served, capsys):
    """``app.run()`` prints a `` * `` line naming the app, then `` * Debug mode: off``, before handing it to the server (Flask API: Flask.run)."""
    target.Flask("conformance_run_banner").run(load_dotenv=False)

    serving, debug = capsys.readouterr().out.splitlines()
    assert serving.startswith(" * ")
    assert "conformance_run_banner" in serving
    assert debug == " * Debug mode: off"
    assert len(served) == 1


def test_run_allows_setup_again_once_the_server_returns(target, served):
    """When the server started by ``app.run()`` returns, the app counts as not having handled a request, so setup methods work again (Flask API: Flask.run)."""
    app = target.Flask("conformance_run_restart")

    @app.route("/")
    def index():
        return "index"

    assert app.test_client().get("/").data == b"index"
    app.run(load_dotenv=False)
    app.add_url_rule("/later", "later", lambda: "later")

    assert app.test_client().get("/later").data == b"later"
