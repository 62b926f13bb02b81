"""zan: a Flask-style framework on a Rust HTTP core.

zan keeps Flask's names (``zan.Flask``, ``zan.request``...) and most of its
module layout (``zan.app``, ``zan.ctx``, ``zan.globals``, ``zan.signals``,
``zan.templating``, ``zan.wrappers``...); the session module is
``zan.session`` where Flask has ``flask.sessions``. Its apps have a
synchronous ``test_client()`` that sends requests through the Rust dispatcher
in memory, used as is. It has no ``flask`` command module and no CLI runner.
"""

from __future__ import annotations

import importlib

from conformance.adapters import FrameworkAdapter


class ZanAdapter(FrameworkAdapter):
    """zan seen as Flask: its own names, ``zan.session`` at ``flask.sessions``."""

    package = "zan"
    distribution = "zan"
    submodules = {"sessions": "zan.session"}
    unsupported = {
        "cli": "zan has no flask command: no zan.cli module with FlaskGroup, AppGroup, "
        "ScriptInfo or with_appcontext (app.cli only records commands)",
        "cli-runner": "zan apps have no test_cli_runner()",
    }

    def restore_clean_state(self) -> None:
        """Empty zan's context stacks after each spec.

        zan keeps its application and request contexts on module-level stacks
        (``zan.ctx``), not in context variables, so a spec that leaves one
        pushed would leave it for every later spec; the harness's copied
        ``contextvars`` context cannot drop them.
        """
        ctx = importlib.import_module("zan.ctx")
        for stack_name in ("_request_ctx_stack", "_app_ctx_stack"):
            stack = getattr(ctx, stack_name, None)
            while stack:
                stack.pop()
