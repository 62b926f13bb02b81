"""``flask shell`` and the interpreter's interactive hook."""

import sys


def test_shell_calls_the_interactive_hook_before_reading_input(target, runner, monkeypatch):
    """``flask shell`` calls ``sys.__interactivehook__``, when one is set, before it reads any input (Flask docs: Open a Shell)."""
    calls = []
    monkeypatch.setitem(sys.modules, "readline", None)  # keep the real completer untouched
    monkeypatch.setattr(sys, "__interactivehook__", lambda: calls.append("hook"), raising=False)

    result = runner.invoke(
        target.cli.cli,
        ["--app", "cliapp_app", "shell"],
        input="print('read')\n",
    )

    assert result.exit_code == 0, result.output
    assert calls == ["hook"]
    assert "read" in result.output


def test_shell_tab_completion_uses_the_shell_context(target, runner, monkeypatch):
    """With an interactive hook set, ``flask shell`` gives readline a completer over the shell context, so ``ap`` completes to the ``app`` name (Flask docs: Open a Shell)."""
    import types

    completers = []
    readline = types.ModuleType("readline")
    readline.set_completer = completers.append
    monkeypatch.setitem(sys.modules, "readline", readline)
    monkeypatch.setattr(sys, "__interactivehook__", lambda: None, raising=False)

    result = runner.invoke(target.cli.cli, ["--app", "cliapp_app", "shell"], input="")

    assert result.exit_code == 0, result.output
    complete = completers[-1]  # importing rlcompleter may set a default one first
    assert complete("ap", 0).startswith("app")
    assert complete("current_a", 0) is None
