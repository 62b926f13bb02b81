"""The ``flask shell`` command and the shell context."""


def test_make_shell_context_has_app_and_g(target, app):
    """``make_shell_context`` returns the application as ``app`` and the ``g`` proxy as ``g`` (Flask API: Flask.make_shell_context)."""
    context = app.make_shell_context()

    assert context["app"] is app
    assert context["g"] is target.g


def test_shell_context_processor_adds_names(app):
    """Names returned by ``shell_context_processor`` functions are added to the shell context, later processors winning (Flask API: Flask.shell_context_processor)."""

    @app.shell_context_processor
    def first():
        return {"answer": 41, "kept": "yes"}

    @app.shell_context_processor
    def second():
        return {"answer": 42}

    context = app.make_shell_context()

    assert context["answer"] == 42
    assert context["kept"] == "yes"
    assert context["app"] is app


def test_shell_runs_input_in_the_app_context(target, runner):
    """``flask shell`` runs Python read from standard input with ``app`` bound to the loaded application (Flask docs: Open a Shell)."""
    result = runner.invoke(
        target.cli.cli,
        ["--app", "cliapp_app", "shell"],
        input="print('name=' + app.name)\nprint(6 * 7)\n",
    )

    assert result.exit_code == 0
    assert "name=cliapp_app" in result.output
    assert "42" in result.output


def test_shell_banner_names_the_app(target, runner):
    """The ``flask shell`` banner shows the Python version, the application's import name and its instance path (Flask docs: Open a Shell)."""
    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "shell"], input="")

    assert result.output.startswith("Python ")
    assert "App: cliapp_app" in result.output
    assert "Instance: " in result.output


def test_shell_includes_shell_context_processors(target, runner):
    """``flask shell`` exposes the names from the application's shell context processors (Flask docs: Open a Shell)."""
    app = target.Flask("conformance_shell")

    @app.shell_context_processor
    def extra():
        return {"answer": 42}

    group = target.cli.FlaskGroup(create_app=lambda: app)
    result = runner.invoke(group, ["shell"], input="print('got', answer)\n")

    assert "got 42" in result.output


def test_shell_runs_pythonstartup(target, runner, monkeypatch, tmp_path):
    """``flask shell`` runs the ``PYTHONSTARTUP`` script before the shell context is added (Flask docs: Open a Shell)."""
    startup = tmp_path / "startup.py"
    startup.write_text("from_startup = 'started'\napp = 'overridden'\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONSTARTUP", str(startup))

    result = runner.invoke(
        target.cli.cli,
        ["--app", "cliapp_app", "shell"],
        input="print(from_startup, app.name)\n",
    )

    assert "started cliapp_app" in result.output
