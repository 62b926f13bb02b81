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
