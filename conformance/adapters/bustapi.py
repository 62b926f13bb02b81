"""BustAPI: a Flask-style framework on a Rust (PyO3) HTTP core.

BustAPI names its application class ``BustAPI`` and spreads Flask's modules
over its own layout: blueprints in ``bustapi.routing.blueprints``, request and
response classes in ``bustapi.http``, the context globals in
``bustapi.http.request``, helpers in ``bustapi.core.helpers``. Its apps have a
synchronous ``test_client()``, used as is. It has no Blinker signals, and its
``bustapi`` command (``bustapi.cli``) scaffolds and serves projects with
argparse rather than being Flask's Click-based ``flask`` command, so it is not
mapped to ``flask.cli``.
"""

from __future__ import annotations

from conformance.adapters import FrameworkAdapter


class BustAPIAdapter(FrameworkAdapter):
    """BustAPI seen as Flask: ``BustAPI`` for ``Flask``, its modules at Flask's paths."""

    package = "bustapi"
    distribution = "bustapi"
    renames = {"Flask": "BustAPI", "FlaskClient": "BustTestClient"}
    submodules = {
        "blueprints": "bustapi.routing.blueprints",
        "ctx": "bustapi.context",
        "globals": "bustapi.http.request",
        "helpers": "bustapi.core.helpers",
        "wrappers": "bustapi.http",
        # bustapi.cli is the `bustapi new/run/routes` project tool, not flask.cli.
        "cli": None,
    }
    unsupported = {
        "cli": "BustAPI has no flask command: bustapi.cli is an argparse project tool, "
        "with no FlaskGroup, AppGroup, ScriptInfo or with_appcontext, and app.cli is None",
        "cli-runner": "BustAPI apps have no test_cli_runner()",
        "signals": "BustAPI sends no Blinker signals (it has no signals module)",
    }
